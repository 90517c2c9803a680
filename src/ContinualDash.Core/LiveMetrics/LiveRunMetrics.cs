using System.Collections.Concurrent;
using ContinualDash.Core.Data;

namespace ContinualDash.Core.LiveMetrics;

/// <summary>
/// Keeps one <see cref="Evaluation.IncrementalEvaluator"/> per recently viewed or written run, fed only the
/// evaluations and boundaries stored since it last looked, so that live metrics cost O(new points) per update
/// instead of a pass over the whole log per viewer. Every read first catches up with the database, so the
/// numbers are exact whichever process wrote the data.
/// </summary>
/// <remarks>
/// Open-task semantics (METRICS.md S1 applied to a log that is still growing): evaluations after the last
/// known boundary belong to the open task, the one after it (task 0 before any boundary). The report then
/// equals the batch engine's on the same log with the open task's boundary placed at the last evaluated
/// iteration, except that the open phase has no boundary row, no R row, and its stability-gap rows have no
/// <c>acc_at_boundary</c>; <c>final</c> holds only what does not wait for the last boundary (running wf, wp,
/// fwt over its available terms) until every task has ended.
/// </remarks>
public sealed class LiveRunMetrics(TimeProvider time)
{
    /// <summary>Runs kept at most; the least recently used beyond that are dropped.</summary>
    public const int MaxRuns = 64;

    /// <summary>A run not read for this long is dropped at the next read of any run.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<long, LiveRunState> runs = new();

    /// <summary>Runs kept now.</summary>
    public int Count => runs.Count;

    /// <summary>
    /// The run's metrics after catching up with what <paramref name="db"/> sees (inside a transaction, that
    /// includes its own uncommitted writes). Per-iteration rows start at <paramref name="fromRow"/>.
    /// </summary>
    public async Task<LiveMetricsView> ReadAsync(DashDbContext db, long runId, int fromRow, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var state = runs.GetOrAdd(runId, static id => new LiveRunState(id));
        state.LastRead = now;
        var view = await state.ReadAsync(db, fromRow, ct);
        Trim(now);
        return view;
    }

    /// <summary>Drops idle runs, then the least recently read ones beyond <see cref="MaxRuns"/>.</summary>
    private void Trim(DateTimeOffset now)
    {
        foreach (var (id, state) in runs)
        {
            if (now - state.LastRead > IdleTimeout) runs.TryRemove(id, out _);
        }
        var excess = runs.Count - MaxRuns;
        if (excess <= 0) return;
        foreach (var (id, _) in runs.OrderBy(r => r.Value.LastRead).Take(excess).ToList()) runs.TryRemove(id, out _);
    }
}
