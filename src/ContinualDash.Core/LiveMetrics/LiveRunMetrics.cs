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
    /// <summary>
    /// Runs kept at most; the least recently used beyond that are dropped. A run holds about 30 bytes per
    /// stored evaluation (56 MiB at 2 million, docs/PERFORMANCE.md), so 16 such runs stay under 1 GiB.
    /// </summary>
    public const int MaxRuns = 16;

    /// <summary>A run not read for this long is dropped at the next read of any run.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<long, LiveRunState> runs = new();

    /// <summary>Runs kept now.</summary>
    public int Count => runs.Count;

    /// <summary>Whether the run's state is kept.</summary>
    internal bool Keeps(long runId) => runs.ContainsKey(runId);

    /// <summary>
    /// The run's metrics after catching up with what <paramref name="db"/> sees (inside a transaction, that
    /// includes its own uncommitted writes). Per-iteration rows start at <paramref name="fromRow"/>.
    /// </summary>
    /// <param name="db">The database, with its transaction if any.</param>
    /// <param name="runId">The run.</param>
    /// <param name="fromRow">The first per-iteration row wanted.</param>
    /// <param name="ct">Cancels the reads.</param>
    /// <param name="curveBuckets">For a viewer that starts (<paramref name="fromRow"/> = 0) on a log of more than
    /// 4 x this many rows: the settled rows come as M4-reduced curves (<see cref="LiveMetricsView.Curves"/>)
    /// instead of report rows, so a page never downloads every row of a long run.</param>
    /// <param name="keep">False for a run that takes no more data (it just ended): its kept state, if any, is
    /// used and dropped, and otherwise one is made for this read only, so that finishing runs never push the
    /// runs people watch out of the <see cref="MaxRuns"/> (each would then be read again from the start).</param>
    public async Task<LiveMetricsView> ReadAsync(
        DashDbContext db, long runId, int fromRow, CancellationToken ct, int? curveBuckets = null, bool keep = true)
    {
        var now = time.GetUtcNow();
        LiveRunState? state;
        if (keep) state = runs.GetOrAdd(runId, static id => new LiveRunState(id));
        else if (!runs.TryRemove(runId, out state)) state = new LiveRunState(runId);
        state.LastRead = now;
        var view = await state.ReadAsync(db, fromRow, curveBuckets, ct);
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
