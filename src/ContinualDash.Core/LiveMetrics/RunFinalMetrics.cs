using ContinualDash.Core.Data;
using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.LiveMetrics;

/// <summary>
/// Writes a run's final-metric columns (<see cref="Run.RecordFinalMetrics"/>) from the metrics engine: the
/// values at the last task boundary of its stored log. Called inside the transaction that records a
/// boundary or moves the run to a final state, so the runs table, its sort and its filter always show what
/// the engine computes from the data that transaction sees.
/// </summary>
public static class RunFinalMetrics
{
    /// <summary>Sets the columns on the tracked <paramref name="run"/>; the caller saves and commits.</summary>
    /// <remarks>On PostgreSQL the run's row is locked first, as metric writers lock it, so no batch commits
    /// between the read and the caller's commit.</remarks>
    public static async Task UpdateAsync(DashDbContext db, LiveRunMetrics live, Run run, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("final metrics are written inside the transaction that changes the run");
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlInterpolatedAsync($"""SELECT 1 FROM "Runs" WHERE "Id" = {run.Id} FOR NO KEY UPDATE""", ct);
        var view = await live.ReadAsync(db, run.Id, int.MaxValue, ct, keep: !run.IsFinal);
        run.RecordFinalMetrics(view.LastBoundary);
    }
}
