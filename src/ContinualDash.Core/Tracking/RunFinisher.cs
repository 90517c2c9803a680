using ContinualDash.Core.Data;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tracking;

/// <summary>
/// Ends a run that reports by itself: <c>succeeded</c>, <c>failed</c> or <c>cancelled</c>, storing its final
/// metrics in the same transaction.
/// </summary>
public sealed class RunFinisher(DashDbContext db, TimeProvider time, LiveRunMetrics live)
{
    /// <summary>Longest error text kept on the run.</summary>
    public const int MaxErrorLength = 4000;

    /// <summary>Finishes the run; finishing it again with the same status is accepted (a retried request).</summary>
    /// <returns>The run's final status.</returns>
    /// <exception cref="TrackingException">Unknown run, unknown status, or a run already finished otherwise.</exception>
    public async Task<string> FinishAsync(long runId, string? status, string? error, CancellationToken ct)
    {
        var final = RunStatus.All.FirstOrDefault(s => RunStatus.IsFinal(s) && string.Equals(s, status, StringComparison.OrdinalIgnoreCase))
            ?? throw new TrackingException("status", "must be one of succeeded, failed, cancelled");
        if (error is { Length: > MaxErrorLength })
            throw new TrackingException("error", $"must be at most {MaxErrorLength} characters");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == runId, ct)
            ?? throw new TrackingException("runId", $"run {runId} does not exist");
        if (run.IsFinal)
        {
            if (run.Status == final) return final;
            throw new TrackingException("runId", $"run {runId} is already {run.Status}");
        }
        try
        {
            run.Finish(final, time.GetUtcNow().UtcDateTime, error);
        }
        catch (InvalidOperationException e)
        {
            throw new TrackingException("status", e.Message);
        }
        await RunFinalMetrics.UpdateAsync(db, live, run, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return final;
    }
}
