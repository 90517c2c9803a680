using ContinualDash.Core.Access;
using ContinualDash.Core.Data;
using ContinualDash.Core.Ingest;
using ContinualDash.Core.Queue;
using ContinualDash.Core.RunLogs;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Workers;

/// <summary>
/// Everything a worker asks of the server, in one place: the in-process worker calls it directly and the
/// worker HTTP endpoints call it for remote workers, so both kinds behave the same. Reports for a job are
/// accepted only while the worker holds the job's lease (<see cref="JobLeaseLostException"/> otherwise).
/// Metric batches go through <see cref="MetricIngest"/>, as the tracking API's do; the writers tell the live
/// streams what committed.
/// </summary>
public sealed class WorkerProtocol(
    DashDbContext db, JobQueue queue, WorkerRegistry workers, MetricIngest metrics, BoundaryRecorder boundaries,
    RunLogWriter logs, ApiTokenService tokens)
{
    public Task RegisterAsync(WorkerRegistration registration, CancellationToken ct) => workers.RegisterAsync(registration, ct);

    public Task<bool> HeartbeatWorkerAsync(string workerId, CancellationToken ct) => workers.HeartbeatAsync(workerId, ct);

    /// <summary>Claims a job for a registered worker, with the labels it registered.</summary>
    /// <exception cref="QueueException">The worker is not registered.</exception>
    public async Task<JobAssignment?> ClaimAsync(string workerId, CancellationToken ct)
    {
        var worker = await workers.FindAsync(workerId, ct)
            ?? throw new QueueException("workerId", $"worker '{workerId}' is not registered");
        var job = await queue.ClaimAsync(worker.Id, worker.Name, worker.Labels, ct);
        if (job is null) return null;
        string? token = null;
        if (job.Kind == JobKind.Command)
            (_, token) = await tokens.CreateAsync($"job {job.JobId} attempt {job.Attempt}", ApiTokenKind.Run, job.RunId, worker.Name, ct);
        return new JobAssignment(job.JobId, job.RunId, job.Attempt, job.Kind, job.PayloadJson, token);
    }

    public Task<LeaseState> HeartbeatJobAsync(JobLease lease, CancellationToken ct) => queue.HeartbeatAsync(lease, ct);

    /// <summary>Stores a metric batch once: the key <c>a{attempt}-s{sequence}</c> makes a resent batch a no-op,
    /// and batches may arrive in any order.</summary>
    /// <exception cref="TrackingException">A bad point; nothing stored.</exception>
    /// <exception cref="IngestBusyException">The server is behind; nothing stored, send it again later.</exception>
    public async Task<MetricWriteResult> ReportMetricsAsync(
        JobLease lease, long sequence, IReadOnlyList<MetricPointInput> points, CancellationToken ct)
    {
        var runId = await RequireLeaseAsync(lease, ct);
        if (sequence < 0) throw new TrackingException("sequence", "must be 0 or more");
        return await metrics.WriteAsync(new IngestBatch(runId, $"a{lease.Attempt}-s{sequence}", points, lease.Attempt), ct);
    }

    /// <exception cref="TrackingException">A boundary out of order; nothing stored.</exception>
    public async Task ReportBoundaryAsync(JobLease lease, int task, long iteration, CancellationToken ct) =>
        await boundaries.RecordAsync(await RequireLeaseAsync(lease, ct), task, iteration, ct);

    public async Task<int> AppendLogAsync(JobLease lease, IReadOnlyList<LogLineInput> lines, CancellationToken ct) =>
        await logs.AppendAsync(await RequireLeaseAsync(lease, ct), lease.Attempt, lines, ct);

    /// <returns>False when the lease was already lost.</returns>
    public Task<bool> FinishAsync(JobLease lease, JobOutcome outcome, string? error, CancellationToken ct) =>
        queue.FinishAsync(lease, outcome, error, ct);

    private async Task<long> RequireLeaseAsync(JobLease lease, CancellationToken ct)
    {
        var runId = await db.Jobs.AsNoTracking()
            .Where(j => j.Id == lease.JobId && j.WorkerId == lease.WorkerId && j.Attempt == lease.Attempt && j.Status == RunStatus.Running)
            .Select(j => (long?)j.RunId).FirstOrDefaultAsync(ct);
        return runId ?? throw new JobLeaseLostException(lease.JobId, lease.Attempt);
    }
}
