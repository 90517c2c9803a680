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
public sealed record LiveMetricsEvent(
    [property: JsonPropertyName("first_row")] int FirstRow,
    [property: JsonPropertyName("settled_rows")] int SettledRows,
    [property: JsonPropertyName("report")] JsonElement? Report,
    [property: JsonPropertyName("problem")] string? Problem)
{
    public static LiveMetricsEvent From(LiveMetricsView view)
    {
        if (view.Report is not { } report) return new(view.FirstRow, view.SettledRows, null, view.Problem);
        using var json = JsonDocument.Parse(MetricsReportJson.ToUtf8Bytes(report));
        return new(view.FirstRow, view.SettledRows, json.RootElement.Clone(), null);
    }
}
