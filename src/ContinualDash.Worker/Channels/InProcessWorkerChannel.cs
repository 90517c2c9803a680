using ContinualDash.Core.Queue;
using ContinualDash.Core.RunLogs;
using ContinualDash.Core.Tracking;
using ContinualDash.Core.Workers;
using Microsoft.Extensions.DependencyInjection;

namespace ContinualDash.Worker.Channels;

/// <summary>The web app's own worker slots: each call runs <see cref="WorkerProtocol"/> in a fresh DI scope.</summary>
public sealed class InProcessWorkerChannel(IServiceScopeFactory scopes) : IWorkerChannel
{
    public Task RegisterAsync(WorkerRegistration registration, CancellationToken ct) =>
        CallAsync(p => p.RegisterAsync(registration, ct));

    public Task<bool> HeartbeatWorkerAsync(string workerId, CancellationToken ct) =>
        CallAsync(p => p.HeartbeatWorkerAsync(workerId, ct));

    public Task<JobAssignment?> ClaimAsync(string workerId, CancellationToken ct) =>
        CallAsync(p => p.ClaimAsync(workerId, ct));

    public Task<LeaseState> HeartbeatJobAsync(JobLease lease, CancellationToken ct) =>
        CallAsync(p => p.HeartbeatJobAsync(lease, ct));

    public Task ReportMetricsAsync(JobLease lease, long sequence, IReadOnlyList<MetricPointInput> points, CancellationToken ct) =>
        CallAsync(p => p.ReportMetricsAsync(lease, sequence, points, ct));

    public Task ReportBoundaryAsync(JobLease lease, int task, long iteration, CancellationToken ct) =>
        CallAsync(p => p.ReportBoundaryAsync(lease, task, iteration, ct));

    public Task AppendLogAsync(JobLease lease, IReadOnlyList<LogLineInput> lines, CancellationToken ct) =>
        CallAsync(p => p.AppendLogAsync(lease, lines, ct));

    public Task<bool> FinishAsync(JobLease lease, JobOutcome outcome, string? error, CancellationToken ct) =>
        CallAsync(p => p.FinishAsync(lease, outcome, error, ct));

    private async Task CallAsync(Func<WorkerProtocol, Task> call)
    {
        await using var scope = scopes.CreateAsyncScope();
        await call(scope.ServiceProvider.GetRequiredService<WorkerProtocol>());
    }

    private async Task<T> CallAsync<T>(Func<WorkerProtocol, Task<T>> call)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<WorkerProtocol>());
    }
}
