using ContinualDash.Core.Queue;
using ContinualDash.Core.RunLogs;
using ContinualDash.Core.Tracking;
using ContinualDash.Core.Workers;

namespace ContinualDash.Worker.Channels;

/// <summary>
/// The one contract between a worker and the server. In-process slots call the server's services directly
/// (<see cref="InProcessWorkerChannel"/>), remote workers go over HTTP (<see cref="HttpWorkerChannel"/>); the
/// worker loop cannot tell them apart. Job calls throw <see cref="JobLeaseLostException"/> once the lease is
/// gone, and <see cref="TrackingException"/> or <see cref="QueueException"/> for a request the server refuses.
/// </summary>
public interface IWorkerChannel
{
    Task RegisterAsync(WorkerRegistration registration, CancellationToken ct);

    /// <returns>False when the server does not know the worker (it should register again).</returns>
    Task<bool> HeartbeatWorkerAsync(string workerId, CancellationToken ct);

    Task<JobAssignment?> ClaimAsync(string workerId, CancellationToken ct);

    Task<LeaseState> HeartbeatJobAsync(JobLease lease, CancellationToken ct);

    /// <summary>Idempotent per (run, attempt, <paramref name="sequence"/>): resending a batch stores it once.</summary>
    Task ReportMetricsAsync(JobLease lease, long sequence, IReadOnlyList<MetricPointInput> points, CancellationToken ct);

    Task ReportBoundaryAsync(JobLease lease, int task, long iteration, CancellationToken ct);

    /// <summary>Idempotent per line sequence number.</summary>
    Task AppendLogAsync(JobLease lease, IReadOnlyList<LogLineInput> lines, CancellationToken ct);

    /// <returns>False when the lease was already lost.</returns>
    Task<bool> FinishAsync(JobLease lease, JobOutcome outcome, string? error, CancellationToken ct);
}
