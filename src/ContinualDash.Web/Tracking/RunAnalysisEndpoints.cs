using ContinualDash.Core.Data;
using ContinualDash.Core.Evaluation;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Series;
using ContinualDash.Core.Tracking;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tracking;

/// <summary>Series for charts (dip-preserving reduction) and the continual-learning metrics of a run.</summary>
internal static class RunAnalysisEndpoints
{
    public const int MaxSeriesPoints = 100_000;

    /// <param name="id">The run.</param>
    /// <param name="name">Series name, e.g. <c>accuracy</c>.</param>
    /// <param name="task">Task index; omit for a run-level series.</param>
    /// <param name="from">First iteration of the window (inclusive).</param>
    /// <param name="to">Last iteration of the window (inclusive).</param>
    /// <param name="points">At most this many points back (default 1,000): raw points when the window holds
    /// no more, otherwise the M4 reduction, which keeps every bucket's first, last, minimum and maximum.</param>
    /// <param name="db">The database.</param>
    /// <param name="ct">Request aborted.</param>
    public static async Task<Results<Ok<SeriesResponse>, ProblemHttpResult>> SeriesAsync(
        long id, string? name, int? task, long? from, long? to, int? points, DashDbContext db, SeriesPointCache cache,
        CancellationToken ct)
    {
        var limit = points ?? 1000;
        if (string.IsNullOrEmpty(name)) return TrackingProblems.Invalid("name", "is required");
        if (limit is < 4 or > MaxSeriesPoints) return TrackingProblems.Invalid("points", $"must be 4 to {MaxSeriesPoints}");
        if (from > to) return TrackingProblems.Invalid("from", "must not be after 'to'");
        var taskKey = task ?? Core.Metrics.MetricSeries.NoTask;
        var seriesId = await db.MetricSeries.Where(s => s.RunId == id && s.Name == name && s.TaskKey == taskKey)
            .Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);
        // An existing series implies its run: the run is looked up only when there is no series.
        if (seriesId is null && !await db.Runs.AnyAsync(r => r.Id == id, ct)) return TrackingProblems.NotFound(id);
        // Points come from the series cache: reading millions of rows per request took seconds.
        var stored = seriesId is { } sid ? await cache.GetAsync(db, sid, ct) : StoredSeries.Empty;
        var (start, end) = stored.Window(from, to);
        var xs = stored.Xs.AsSpan(start, end - start);
        var ys = stored.Ys.AsSpan(start, end - start);
        if (xs.Length <= limit)
            return TypedResults.Ok(new SeriesResponse(name, task, xs.Length, false, xs.ToArray(), ys.ToArray()));

        // M4 keeps up to 4 points per bucket, so limit / 4 buckets never return more than asked.
        var reduced = SeriesReduction.M4(xs, ys, from ?? xs[0], to ?? xs[^1], limit / 4);
        return TypedResults.Ok(new SeriesResponse(name, task, xs.Length, true,
            reduced.Select(p => p.X).ToArray(), reduced.Select(p => p.Y).ToArray()));
    }

    /// <summary>
    /// METRICS.md S7 output for the run's accuracy log, as <c>continualdash metrics</c> prints it. A running
    /// run is evaluated with open-task semantics (see <see cref="LiveRunMetrics"/>); a finished one strictly.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ClMetricsAsync(
        long id, int? window, DashDbContext db, LiveRunMetrics live, CancellationToken ct)
    {
        if (window is < 1) return TrackingProblems.Invalid("window", "must be 1 or more");
        var result = await RunMetrics.ComputeAsync(db, live, id, window, ct);
        if (result is null) return TrackingProblems.NotFound(id);
        if (result.Report is { } report) return TypedResults.File(MetricsReportJson.ToUtf8Bytes(report), "application/json");
        return TypedResults.Problem($"the run's accuracy log cannot be evaluated: {result.Problem}",
            statusCode: StatusCodes.Status409Conflict, title: "Metrics not available");
    }

    /// <summary>The run's accuracy log (METRICS.md S7), for <c>continualdash metrics</c>.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AccuracyLogAsync(
        long id, int? window, DashDbContext db, CancellationToken ct)
    {
        if (window is < 1) return TrackingProblems.Invalid("window", "must be 1 or more");
        var log = await RunAccuracyLog.WriteAsync(db, id, window, ct);
        return log is null ? TrackingProblems.NotFound(id) : TypedResults.File(log, "application/json", $"run-{id}-accuracy-log.json");
    }
}
