using System.Globalization;

namespace ContinualDash.Bench.Metrics;

/// <summary>
/// Options of the <c>live</c> mode: <c>--points 2000000 --viewers 20 --tasks 10 --batch 5000
/// --update-points 100 --updates 40 --old-updates 1 --cold-runs 3 --report-runs 3</c>.
/// </summary>
/// <param name="Points">Accuracy points stored before the live phase.</param>
/// <param name="Viewers">Viewers reading after each update.</param>
/// <param name="Tasks">Tasks the run declares; the live phase is in the last one.</param>
/// <param name="Batch">Points per <c>MetricWriter</c> batch while the run is filled.</param>
/// <param name="UpdatePoints">Points per live update, rounded down to whole iterations (at least one).</param>
/// <param name="Updates">Measured live updates (after 3 warm-up updates).</param>
/// <param name="OldUpdates">Of those, the updates on which every viewer also recomputes the whole log the old way.</param>
/// <param name="ColdRuns">Cold reads (a fresh <c>LiveRunMetrics</c> building the evaluator from every point).</param>
/// <param name="ReportRuns">Full <c>cl-metrics</c> reports (from row 0, written as JSON).</param>
internal sealed record LiveOptions(
    int Points, int Viewers, int Tasks, int Batch, int UpdatePoints, int Updates, int OldUpdates, int ColdRuns, int ReportRuns)
{
    public static LiveOptions Parse(IReadOnlyList<string> args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected '{args[i]}'");
            if (i + 1 >= args.Count) throw new ArgumentException($"'{args[i]}' needs a value");
            map[args[i][2..]] = args[i + 1];
        }
        var options = new LiveOptions(Int("points", 2_000_000), Int("viewers", 20), Int("tasks", 10), Int("batch", 5000),
            Int("update-points", 100), Int("updates", 40), Int("old-updates", 1), Int("cold-runs", 3), Int("report-runs", 3));
        var unknown = map.Keys.Except(Known).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown option --{unknown[0]}");
        if (options.Tasks < 2) throw new ArgumentException("--tasks must be 2 or more");
        if (options.Points < options.Tasks * options.Tasks) throw new ArgumentException("--points is too small for --tasks");
        if (options.OldUpdates > options.Updates) throw new ArgumentException("--old-updates must not exceed --updates");
        if (options is { Viewers: < 1 } or { Batch: < 1 } or { Updates: < 1 } or { ColdRuns: < 1 } or { ReportRuns: < 1 } or { OldUpdates: < 0 })
            throw new ArgumentException("counts must be positive (--old-updates may be 0)");
        return options;

        int Int(string key, int fallback) => map.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    }

    private static readonly string[] Known =
        ["points", "viewers", "tasks", "batch", "update-points", "updates", "old-updates", "cold-runs", "report-runs"];

    /// <summary>Iterations per live update: every one evaluates all <see cref="Tasks"/> tasks.</summary>
    public int UpdateIterations => Math.Max(1, UpdatePoints / Tasks);
}
