using ContinualDash.Core.Access;
using ContinualDash.Core.Data;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContinualDash.Core.Queue;

/// <summary>
/// The durable job queue: enqueue, claim with a lease, heartbeat, finish (with retries) and cancel. Every
/// write after the claim is guarded by job id, worker id, attempt and <c>Running</c>, so a worker whose lease
/// expired cannot touch the job's next attempt. The run row moves in step with its job, in the same transaction,
/// and a run that reaches a final state gets its final metrics there too (<see cref="RunFinalMetrics"/>).
/// </summary>
public sealed partial class JobQueue(
    DashDbContext db, TimeProvider time, IOptions<QueueOptions> options, RetryBackoff backoff, LiveRunMetrics live)
{
    /// <summary>Creates the run (or takes the given queued run) and its job, in one transaction.</summary>
    /// <exception cref="QueueException">A bad request; nothing stored.</exception>
    public async Task<(long JobId, long RunId)> EnqueueAsync(JobRequest request, CancellationToken ct)
    {
        if (request.Kind == JobKind.Command) CommandSpec.Parse(request.PayloadJson);
        else if (request.Kind == JobKind.Builtin) BuiltinPayload.Check(request.PayloadJson);
        else throw new QueueException("kind", $"must be '{JobKind.Command}' or '{JobKind.Builtin}', not '{request.Kind}'");
        var labels = JobLabels.Normalize(request.Labels);
        var maxAttempts = request.MaxAttempts ?? options.Value.DefaultMaxAttempts;
        if (maxAttempts is < 1 or > 20) throw new QueueException("maxAttempts", "must be 1 to 20");
        if (request.RunId is null && request.RunName is { Length: > 200 })
            throw new QueueException("name", "must be at most 200 characters");

        var now = time.GetUtcNow().UtcDateTime;
        // A caller that enqueues several jobs at once (one per seed) holds its own transaction around them all.
        var outer = db.Database.CurrentTransaction is not null;
        await using var tx = outer ? null : await db.Database.BeginTransactionAsync(ct);
        Run run;
        if (request.RunId is { } runId)
        {
            run = await db.Runs.FirstOrDefaultAsync(r => r.Id == runId, ct)
                ?? throw new QueueException("runId", $"run {runId} does not exist");
            if (run.Status != RunStatus.Queued || await db.Jobs.AnyAsync(j => j.RunId == runId, ct))
                throw new QueueException("runId", $"run {runId} is {run.Status} or already has a job");
        }
        else
        {
            run = new Run(string.IsNullOrWhiteSpace(request.RunName) ? "command" : request.RunName.Trim(), now);
            db.Runs.Add(run);
            await db.SaveChangesAsync(ct);
        }
        var job = new Job
        {
            RunId = run.Id,
            Kind = request.Kind,
            PayloadJson = request.PayloadJson,
            Priority = request.Priority,
            Labels = labels,
            MaxAttempts = maxAttempts,
            NextAttemptAt = now,
            CreatedAt = now,
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return (job.Id, run.Id);
    }

    /// <summary>Extends the lease; tells the worker whether to go on, stop for a cancel, or give up the job.</summary>
    public async Task<LeaseState> HeartbeatAsync(JobLease lease, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var updated = await Held(lease).ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, now), ct);
        if (updated == 0) return LeaseState.Lost;
        return await db.Jobs.AnyAsync(j => j.Id == lease.JobId && j.CancelRequested, ct) ? LeaseState.CancelRequested : LeaseState.Held;
    }

    /// <summary>True while <paramref name="lease"/> still holds its job.</summary>
    public Task<bool> IsHeldAsync(JobLease lease, CancellationToken ct) => Held(lease).AnyAsync(ct);

    /// <summary>
    /// Ends the attempt. A failure with attempts left goes back to the queue after the retry backoff;
    /// otherwise the job and its run take their final state.
    /// </summary>
    /// <returns>False when the lease was lost: nothing changed.</returns>
    public async Task<bool> FinishAsync(JobLease lease, JobOutcome outcome, string? error, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var job = await Held(lease).AsNoTracking().Select(j => new { j.RunId, j.MaxAttempts }).FirstOrDefaultAsync(ct);
        if (job is null) return false;

        var retry = outcome == JobOutcome.Failed && lease.Attempt < job.MaxAttempts;
        var status = outcome switch
        {
            JobOutcome.Succeeded => RunStatus.Succeeded,
            JobOutcome.Cancelled => RunStatus.Cancelled,
            _ => retry ? RunStatus.Queued : RunStatus.Failed,
        };
        var nextAttemptAt = retry ? now + backoff.After(lease.Attempt) : now;
        var updated = await Held(lease).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, status)
            .SetProperty(j => j.Attempt, retry ? lease.Attempt + 1 : lease.Attempt)
            .SetProperty(j => j.NextAttemptAt, nextAttemptAt)
            .SetProperty(j => j.FinishedAt, retry ? (DateTime?)null : now)
            .SetProperty(j => j.Error, error), ct);
        if (updated == 0) return false;

        var run = await db.Runs.FirstAsync(r => r.Id == job.RunId, ct);
        if (retry) run.Requeue();
        else
        {
            run.Finish(status, now, error);
            await RunFinalMetrics.UpdateAsync(db, live, run, ct);
        }
        run.Attempt = retry ? lease.Attempt + 1 : lease.Attempt;
        await db.SaveChangesAsync(ct);
        await RevokeRunTokensAsync(job.RunId, now, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Cancels a queued job at once; asks the worker of a running job to stop it.</summary>
    public async Task<CancelResult> CancelAsync(long jobId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cancelled = await db.Jobs.Where(j => j.Id == jobId && j.Status == RunStatus.Queued).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, RunStatus.Cancelled)
            .SetProperty(j => j.FinishedAt, now), ct);
        if (cancelled == 1)
        {
            var runId = await db.Jobs.Where(j => j.Id == jobId).Select(j => j.RunId).FirstAsync(ct);
            var run = await db.Runs.FirstAsync(r => r.Id == runId, ct);
            run.Finish(RunStatus.Cancelled, now, "cancelled while queued");
            // A queued retry still has the points of its earlier attempts.
            await RunFinalMetrics.UpdateAsync(db, live, run, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return CancelResult.Cancelled;
        }
        var requested = await db.Jobs.Where(j => j.Id == jobId && j.Status == RunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), ct);
        await tx.CommitAsync(ct);
        return requested == 1 ? CancelResult.Requested : CancelResult.NotCancellable;
    }

    private IQueryable<Job> Held(JobLease lease) => db.Jobs.Where(j =>
        j.Id == lease.JobId && j.WorkerId == lease.WorkerId && j.Attempt == lease.Attempt && j.Status == RunStatus.Running);

    // A run-scoped token lives as long as one attempt: the next attempt gets a fresh one.
    private Task<int> RevokeRunTokensAsync(long runId, DateTime now, CancellationToken ct) =>
        db.ApiTokens.Where(t => t.RunId == runId && t.Kind == ApiTokenKind.Run && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
}
