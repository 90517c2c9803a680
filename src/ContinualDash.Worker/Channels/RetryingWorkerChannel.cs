using ContinualDash.Core.Queue;
using ContinualDash.Core.RunLogs;
using ContinualDash.Core.Tracking;
using ContinualDash.Core.Workers;
using ContinualDash.Worker.Loop;
using Microsoft.Extensions.Logging;

namespace ContinualDash.Worker.Channels;

/// <summary>
/// Retries every call that failed for a reason other than a refusal (lease lost, bad request, bad token):
/// an unreachable or restarting server, a busy database. Delays grow from 200 ms to 5 s and the call is
/// retried until it succeeds or the worker stops, so a server restart loses no report. A busy server's
/// <c>Retry-After</c> (<see cref="ServerBusyException"/>) replaces the backoff for that wait, kept between 200 ms
/// and 20 s. Every report is idempotent (metric batches carry their sequence number), so resending one whose
/// answer was lost does no harm.
/// </summary>
internal sealed class RetryingWorkerChannel(IWorkerChannel inner, ILogger logger, TimeProvider time) : IWorkerChannel
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    /// <summary>The longest a <c>Retry-After</c> may hold a call: a wrong header must not stall a job's reports
    /// (and its lease heartbeats) for long: 20 s stays below the 30 s lease timeout.</summary>
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(20);

    public Task RegisterAsync(WorkerRegistration registration, CancellationToken ct) =>
        RetryAsync("register", () => inner.RegisterAsync(registration, ct), ct);

    public Task<bool> HeartbeatWorkerAsync(string workerId, CancellationToken ct) =>
        RetryAsync("worker heartbeat", () => inner.HeartbeatWorkerAsync(workerId, ct), ct);

    public Task<JobAssignment?> ClaimAsync(string workerId, CancellationToken ct) =>
        RetryAsync("claim", () => inner.ClaimAsync(workerId, ct), ct);

    public Task<LeaseState> HeartbeatJobAsync(JobLease lease, CancellationToken ct) =>
        RetryAsync("job heartbeat", () => inner.HeartbeatJobAsync(lease, ct), ct);

    public Task ReportMetricsAsync(JobLease lease, long sequence, IReadOnlyList<MetricPointInput> points, CancellationToken ct) =>
        RetryAsync("metrics", () => inner.ReportMetricsAsync(lease, sequence, points, ct), ct);

    public Task ReportBoundaryAsync(JobLease lease, int task, long iteration, CancellationToken ct) =>
        RetryAsync("boundary", () => inner.ReportBoundaryAsync(lease, task, iteration, ct), ct);

    public Task AppendLogAsync(JobLease lease, IReadOnlyList<LogLineInput> lines, CancellationToken ct) =>
        RetryAsync("log", () => inner.AppendLogAsync(lease, lines, ct), ct);

    public Task<bool> FinishAsync(JobLease lease, JobOutcome outcome, string? error, CancellationToken ct) =>
        RetryAsync("finish", () => inner.FinishAsync(lease, outcome, error, ct), ct);

    private async Task RetryAsync(string what, Func<Task> call, CancellationToken ct) =>
        await RetryAsync(what, async () => { await call(); return true; }, ct);

    private async Task<T> RetryAsync<T>(string what, Func<Task<T>> call, CancellationToken ct)
    {
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (ServerBusyException e)
            {
                // The server is up and said when to come back (its write queue is full): sooner would be refused
                // again, and the backoff's doubling is for a server that does not answer at all.
                var wait = TimeSpan.FromTicks(Math.Clamp(e.DelayFrom(time.GetUtcNow()).Ticks, FirstDelay.Ticks, MaxRetryAfter.Ticks));
                WorkerLog.Retrying(logger, what, wait.TotalMilliseconds, e.Message);
                await Task.Delay(wait, time, ct);
            }
            catch (Exception e) when (IsTransient(e, ct))
            {
                WorkerLog.Retrying(logger, what, delay.TotalMilliseconds, e.Message);
                await Task.Delay(delay, time, ct);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    private static bool IsTransient(Exception e, CancellationToken ct) => e switch
    {
        JobLeaseLostException or TrackingException or QueueException or UnauthorizedAccessException => false,
        OperationCanceledException => !ct.IsCancellationRequested, // an HTTP timeout, not our own stop
        _ => true,
    };
}
