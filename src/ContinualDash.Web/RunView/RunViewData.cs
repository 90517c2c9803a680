using System.Text.Json;
using ContinualDash.Core.Data;
using ContinualDash.Core.Evaluation;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Metrics;
using ContinualDash.Core.Points;
using ContinualDash.Core.RunLogs;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.RunView;

/// <summary>Everything the run page shows, read in one request (no HTTP to ourselves).</summary>
public sealed record RunViewData(
    Run Run, string? ExperimentName, IReadOnlyList<string> Tags, IReadOnlyList<KeyValuePair<string, string>> Config,
    long? CancellableJobId, IReadOnlyList<RunAttempt> Attempts, IReadOnlyList<RunLogLine> LogTail,
    IReadOnlyList<int> AccuracyTasks, IReadOnlyList<long> Boundaries, long LastPointId, MetricsReport? Report, string? ReportProblem)
{
    /// <summary>Lines of the log shown on the page.</summary>
    public const int LogTailLines = 40;

    /// <summary>Null for an unknown run.</summary>
    public static async Task<RunViewData?> LoadAsync(DashDbContext db, LiveRunMetrics live, long id, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().Include(r => r.Tags).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null) return null;
        var experiment = run.ExperimentId is { } e
            ? await db.Experiments.AsNoTracking().Where(x => x.Id == e).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var jobId = await db.Jobs.AsNoTracking().Where(j => j.RunId == id && (j.Status == RunStatus.Queued || j.Status == RunStatus.Running))
            .Select(j => (long?)j.Id).FirstOrDefaultAsync(ct);
        var attempts = await LoadAttemptsAsync(db, id, ct);
        var tail = await db.RunLogLines.AsNoTracking().Where(l => l.RunId == id)
            .OrderByDescending(l => l.Attempt).ThenByDescending(l => l.Sequence).Take(LogTailLines).ToListAsync(ct);
        tail.Reverse();
        var tasks = await db.MetricSeries.AsNoTracking()
            .Where(s => s.RunId == id && s.Name == RunAccuracyLog.AccuracySeries && s.TaskKey != MetricSeries.NoTask)
            .OrderBy(s => s.TaskKey).Select(s => s.TaskKey).ToListAsync(ct);
        var boundaries = await db.TaskPhases.AsNoTracking().Where(p => p.RunId == id && p.BoundaryIteration != null)
            .OrderBy(p => p.TaskIndex).Select(p => p.BoundaryIteration!.Value).ToListAsync(ct);
        var lastPoint = await RunPointReader.LastIdAsync(db, id, ct);
        var metrics = await RunMetrics.ComputeAsync(db, live, id, null, ct);
        return new RunViewData(run, experiment, [.. run.Tags.Select(t => t.Tag).Order()], FlattenConfig(run.ConfigJson),
            jobId, attempts, tail, tasks, boundaries, lastPoint, metrics?.Report, metrics?.Problem);
    }

    /// <summary>
    /// Per attempt, its first and last log line. SQLite cannot aggregate dates in SQL, so each bound is its own
    /// indexed query; a run has a handful of attempts at most (QueueOptions caps them).
    /// </summary>
    private static async Task<List<RunAttempt>> LoadAttemptsAsync(DashDbContext db, long id, CancellationToken ct)
    {
        var lines = db.RunLogLines.AsNoTracking().Where(l => l.RunId == id);
        var counts = await lines.GroupBy(l => l.Attempt).Select(g => new { Attempt = g.Key, Lines = g.Count() })
            .OrderBy(a => a.Attempt).ToListAsync(ct);
        var attempts = new List<RunAttempt>(counts.Count);
        foreach (var a in counts)
        {
            var first = await lines.Where(l => l.Attempt == a.Attempt).OrderBy(l => l.Sequence).Select(l => l.At).FirstAsync(ct);
            var last = await lines.Where(l => l.Attempt == a.Attempt).OrderByDescending(l => l.Sequence).Select(l => l.At).FirstAsync(ct);
            attempts.Add(new RunAttempt(a.Attempt, first, last, a.Lines));
        }
        return attempts;
    }

    /// <summary>The configuration's top-level fields, nested objects and arrays shown as compact JSON.</summary>
    private static List<KeyValuePair<string, string>> FlattenConfig(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) return [new("config", json)];
        return [.. doc.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name,
            p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText()))];
    }
}
