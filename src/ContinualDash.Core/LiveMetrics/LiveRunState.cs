using System.Text.Json;
using ContinualDash.Core.Data;
using ContinualDash.Core.Evaluation;
using ContinualDash.Core.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.LiveMetrics;

/// <summary>
/// One run's evaluator and how far it has read: chunk ids of a run are committed in id order (one writer
/// per run, see <see cref="MetricWriter"/>), so "every accuracy chunk after the last one fed" is exactly what
/// is new. Whatever cannot be appended in order (a boundary recorded after evaluations past it, batches that
/// arrived out of order, a boundary rolled back) rebuilds the evaluator from the whole log, so the result is
/// always the one a fresh evaluation of the stored log gives.
/// </summary>
/// <param name="runId">The run.</param>
/// <param name="window">WF/WP window instead of the configuration's (for a one-off report).</param>
internal sealed class LiveRunState(long runId, int? window = null)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IncrementalEvaluator? evaluator;
    private long lastChunk;
    private int? declared;
    private JsonDocument? config;
    private int settingsTasks;
    private long maxIteration = -1;
    private int maxTask = -1;
    private string? problem;
    private List<int> problemBoundaries = [];
    private long lastReadTicks;

    public DateTimeOffset LastRead
    {
        get => new(Volatile.Read(ref lastReadTicks), TimeSpan.Zero);
        set => Volatile.Write(ref lastReadTicks, value.UtcTicks);
    }

    /// <param name="db">Reads what is new.</param>
    /// <param name="fromRow">The first per-iteration row wanted in the report.</param>
    /// <param name="curveBuckets">See <see cref="LiveRunMetrics.ReadAsync"/>.</param>
    /// <param name="ct">Cancels the reads.</param>
    public async Task<LiveMetricsView> ReadAsync(DashDbContext db, int fromRow, int? curveBuckets, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            await RefreshAsync(db, ct);
            if (evaluator is null) return new LiveMetricsView(null, 0, 0, problem);
            var settled = evaluator.SettledRows;
            if (curveBuckets is { } buckets && fromRow == 0 && settled > 4 * buckets)
            {
                var curves = MetricCurves.Reduce(evaluator.SettledRowList, settled, buckets);
                return new LiveMetricsView(evaluator.Current(settled), settled, settled, null, curves);
            }
            var first = Math.Clamp(fromRow, 0, settled);
            return new LiveMetricsView(evaluator.Current(first), first, settled, null);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task RefreshAsync(DashDbContext db, CancellationToken ct)
    {
        var phases = await db.TaskPhases.AsNoTracking().Where(p => p.RunId == runId)
            .Select(p => new { p.TaskIndex, Named = p.Name != null, p.BoundaryIteration }).ToListAsync(ct);
        var named = phases.Count(p => p.Named);
        int? declaredNow = named > 0 ? named : null;
        // b_0, b_1, ... as far as they are known without a gap: a later task's boundary recorded before an
        // earlier one's cannot be placed yet.
        var known = phases.Where(p => p.BoundaryIteration is not null).ToDictionary(p => p.TaskIndex, p => p.BoundaryIteration!.Value);
        var boundaries = new List<long>();
        while (known.TryGetValue(boundaries.Count, out var b)) boundaries.Add(b);
        if (config is null)
        {
            var json = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => r.ConfigJson).FirstOrDefaultAsync(ct);
            config = JsonDocument.Parse(json ?? "{}");
            settingsTasks = config.RootElement.ValueKind == JsonValueKind.Object ? AccuracyLogJson.SettingsTaskCount(config.RootElement) : 0;
        }

        if (problem is not null)
        {
            // A broken log stays broken until its boundaries change (a late boundary can mend it).
            if (declaredNow == declared && boundaries.Select(b => (int)Math.Min(b, int.MaxValue)).SequenceEqual(problemBoundaries)) return;
        }
        else if (evaluator is not null && declaredNow == declared && Extends(boundaries))
        {
            var (evals, last) = await RunEvaluations.ReadAsync(db, runId, lastChunk, ct);
            try
            {
                Feed(boundaries, evals);
                lastChunk = last;
                return;
            }
            catch (Exception e) when (e is MetricsInputException or OverflowException)
            {
                // Not appendable in order: start again from the whole log below.
            }
        }
        await RebuildAsync(db, declaredNow, boundaries, ct);
    }

    private async Task RebuildAsync(DashDbContext db, int? declaredNow, List<long> boundaries, CancellationToken ct)
    {
        (evaluator, problem, lastChunk, maxIteration, maxTask, declared) = (null, null, 0, -1, -1, declaredNow);
        var (evals, last) = await RunEvaluations.ReadAsync(db, runId, 0, ct);
        try
        {
            var tasks = TasksNeeded(boundaries, evals);
            evaluator = new IncrementalEvaluator(tasks, Settings(tasks));
            Feed(boundaries, evals);
            lastChunk = last;
        }
        catch (Exception e) when (e is MetricsInputException or OverflowException)
        {
            evaluator = null;
            problem = e is OverflowException ? "an iteration or boundary is larger than 2147483647" : e.Message;
            problemBoundaries = [.. boundaries.Select(b => (int)Math.Min(b, int.MaxValue))];
        }
    }

    /// <summary>Appends new boundaries and evaluations (sorted by iteration) in the order the batch engine reads them.</summary>
    private void Feed(List<long> boundaries, List<StoredEvaluation> evals)
    {
        var e = evaluator!;
        var tasks = TasksNeeded(boundaries, evals);
        if (tasks > e.NumTasks) e.GrowTasks(tasks, Settings(tasks));
        var next = e.Boundaries.Count;
        foreach (var (iteration, task, _, accuracy) in evals)
        {
            var t = checked((int)iteration);
            while (next < boundaries.Count && boundaries[next] < t) e.AddBoundary(checked((int)boundaries[next++]));
            e.AddEvaluation(new TaskAccuracy(t, task, accuracy));
            maxIteration = Math.Max(maxIteration, iteration);
            maxTask = Math.Max(maxTask, task);
        }
        while (next < boundaries.Count) e.AddBoundary(checked((int)boundaries[next++]));
    }

    /// <summary>
    /// T of the log so far: the declared count, else enough for every boundary, the open task when something
    /// was evaluated after the last boundary, every evaluated task and every task the settings name.
    /// </summary>
    private int TasksNeeded(List<long> boundaries, List<StoredEvaluation> evals)
    {
        if (declared is { } d) return d;
        var lastIteration = Math.Max(maxIteration, evals.Count > 0 ? evals[^1].Iteration : -1);
        var open = lastIteration > (boundaries.Count > 0 ? boundaries[^1] : -1) ? 1 : 0;
        var evaluated = evals.Count > 0 ? Math.Max(maxTask, evals.Max(x => x.Task)) + 1 : maxTask + 1;
        return Math.Max(1, Math.Max(boundaries.Count + open, Math.Max(evaluated, settingsTasks)));
    }

    private MetricsSettings Settings(int tasks)
    {
        var settings = config!.RootElement.ValueKind == JsonValueKind.Object
            ? AccuracyLogJson.ReadSettings(config.RootElement, tasks)
            : new MetricsSettings();
        return window is { } w ? settings with { Window = w } : settings;
    }

    /// <summary>True when the boundaries fed so far are a prefix of <paramref name="boundaries"/>.</summary>
    private bool Extends(List<long> boundaries)
    {
        var fed = evaluator!.Boundaries;
        if (fed.Count > boundaries.Count) return false;
        for (var k = 0; k < fed.Count; k++)
        {
            if (fed[k] != boundaries[k]) return false;
        }
        return true;
    }
}
