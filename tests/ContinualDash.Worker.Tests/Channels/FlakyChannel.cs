using ContinualDash.Core.Queue;
using ContinualDash.Core.RunLogs;
using ContinualDash.Core.Tracking;
using ContinualDash.Core.Workers;
using ContinualDash.Worker.Channels;

namespace ContinualDash.Worker.Tests.Channels;

/// <summary>A server that is down for the first <c>failures</c> calls, then stores batches. The first
/// <c>refusals</c> of those failures throw <c>refusal</c> instead (a refusal, a busy answer).</summary>
internal sealed class FlakyChannel(int failures, Exception? refusal = null, int refusals = int.MaxValue) : IWorkerChannel
{
    public int Calls { get; private set; }
    public List<long> StoredSequences { get; } = [];

    public Task RegisterAsync(WorkerRegistration registration, CancellationToken ct) => Task.CompletedTask;
    public Task<bool> HeartbeatWorkerAsync(string workerId, CancellationToken ct) => Task.FromResult(true);
    public Task<JobAssignment?> ClaimAsync(string workerId, CancellationToken ct) => Task.FromResult<JobAssignment?>(null);
    public Task<LeaseState> HeartbeatJobAsync(JobLease lease, CancellationToken ct) => Task.FromResult(LeaseState.Held);

    public Task ReportMetricsAsync(JobLease lease, long sequence, IReadOnlyList<MetricPointInput> points, CancellationToken ct)
    {
        if (++Calls <= failures) throw Calls <= refusals && refusal is not null ? refusal : new HttpRequestException("connection refused");
        StoredSequences.Add(sequence);
        return Task.CompletedTask;
    }

    public Task ReportBoundaryAsync(JobLease lease, int task, long iteration, CancellationToken ct) => Task.CompletedTask;
    public Task AppendLogAsync(JobLease lease, IReadOnlyList<LogLineInput> lines, CancellationToken ct) => Task.CompletedTask;
    public Task<bool> FinishAsync(JobLease lease, JobOutcome outcome, string? error, CancellationToken ct) => Task.FromResult(true);
}
