using System.Globalization;

namespace ContinualDash.Web.Compare;

/// <summary>The compare view's state, all of it in the query string so a link reproduces the view.</summary>
/// <param name="Runs">Run ids.</param>
/// <param name="Metric">avg_acc, min_acc, wc_acc, forgetting, bwt, acc (with <paramref name="Task"/>) or a logged series name.</param>
/// <param name="Task">The task whose accuracy <c>acc</c> shows.</param>
/// <param name="Group">A config key (<c>config.strategy</c>) to group runs by, with a seed aggregate per group.</param>
/// <param name="From">First iteration shown, inclusive.</param>
/// <param name="To">Last iteration shown, inclusive.</param>
/// <param name="Smooth">Trailing moving-average window in points (1 = none).</param>
public sealed record CompareQuery(IReadOnlyList<long> Runs, string Metric, int Task, string? Group, double? From, double? To, int Smooth)
{
    public const int MaxRuns = 50;

    /// <summary>The engine's per-iteration metrics; any other name is a logged series.</summary>
    public static readonly IReadOnlyList<string> EngineMetrics = ["avg_acc", "min_acc", "wc_acc", "forgetting", "bwt"];

    /// <summary>The view of the query-string values, with defaults and limits applied (page and traces endpoint alike).</summary>
    public static CompareQuery FromQueryString(IEnumerable<string?> runs, string? metric, int? task, string? group, double? from, double? to, int? smooth) =>
        new(ParseRuns(runs), string.IsNullOrWhiteSpace(metric) ? "avg_acc" : metric.Trim(), Math.Max(0, task ?? 0),
            string.IsNullOrWhiteSpace(group) ? null : group.Trim(), from, to, Math.Clamp(smooth ?? 1, 1, 1000));

    /// <summary>The query string of this view without its x-range, for <c>GET /compare/traces</c> (the chart adds the range).</summary>
    public string TracesQuery() => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("", new Dictionary<string, string?>
    {
        ["runs"] = string.Join(',', Runs), ["metric"] = Metric, ["task"] = Task.ToString(CultureInfo.InvariantCulture),
        ["group"] = Group, ["smooth"] = Smooth.ToString(CultureInfo.InvariantCulture),
    }.Where(kv => kv.Value is not null)).TrimStart('?');

    /// <summary>Parses <c>runs=1,2,3</c> and repeated <c>runs=1&amp;runs=2</c> (the table's checkboxes).</summary>
    public static IReadOnlyList<long> ParseRuns(IEnumerable<string?> values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).Distinct().Take(MaxRuns).ToList();
}
