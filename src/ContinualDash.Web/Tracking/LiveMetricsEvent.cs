using System.Text.Json;
using System.Text.Json.Serialization;
using ContinualDash.Core.Evaluation;
using ContinualDash.Core.LiveMetrics;

namespace ContinualDash.Web.Tracking;

/// <summary>
/// The <c>metrics</c> event of a run's stream: the METRICS.md S7 report of the log so far (open-task
/// semantics) whose <c>per_iteration</c> holds only the rows from <see cref="FirstRow"/> on. A client keeps
/// its first <see cref="FirstRow"/> rows, replaces the rest with these, and so always has every row once.
/// </summary>
/// <param name="FirstRow">Index of the first row sent; the stream's first event starts at 0.</param>
/// <param name="SettledRows">Rows before this index will not change; the next event starts there.</param>
/// <param name="Report">The report (S7 keys), or null when the log cannot be evaluated.</param>
/// <param name="Problem">Why not, naming the evaluation or boundary.</param>
/// <param name="Curves">On a stream's first event for a long run: the rows before <see cref="FirstRow"/> as
/// M4-reduced curves per metric (<see cref="MetricCurves"/>), instead of hundreds of thousands of rows.</param>
public sealed record LiveMetricsEvent(
    [property: JsonPropertyName("first_row")] int FirstRow,
    [property: JsonPropertyName("settled_rows")] int SettledRows,
    [property: JsonPropertyName("report")] JsonElement? Report,
    [property: JsonPropertyName("problem")] string? Problem,
    [property: JsonPropertyName("curves")] IReadOnlyDictionary<string, LiveMetricsEvent.Curve>? Curves)
{
    /// <summary>Buckets of the first event's curves: at most about 4,000 points per metric.</summary>
    public const int CurveBuckets = 1000;

    /// <summary>One metric's reduced curve: iterations and values.</summary>
    public sealed record Curve([property: JsonPropertyName("x")] double[] X, [property: JsonPropertyName("y")] double[] Y);

    public static LiveMetricsEvent From(LiveMetricsView view)
    {
        var curves = view.Curves?.ToDictionary(c => c.Key, c => new Curve([.. c.Value.Select(p => p.X)], [.. c.Value.Select(p => p.Y)]));
        if (view.Report is not { } report) return new(view.FirstRow, view.SettledRows, null, view.Problem, null);
        using var json = JsonDocument.Parse(MetricsReportJson.ToUtf8Bytes(report));
        return new(view.FirstRow, view.SettledRows, json.RootElement.Clone(), null, curves);
    }
}
