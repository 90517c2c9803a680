using System.Net;
using System.Net.Http.Headers;
using ContinualDash.Core.Queue;
using ContinualDash.Worker.Channels;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContinualDash.Worker.Tests.Channels;

public sealed class RetryingWorkerChannelTests
{
    private static readonly JobLease Lease = new(1, "w", 1);

    [Fact]
    public async Task ReportMetricsAsync_ServerDownThenBack_DeliversBatchOnce()
    {
        var server = new FlakyChannel(failures: 3);
        var channel = new RetryingWorkerChannel(server, NullLogger.Instance, TimeProvider.System);

        await channel.ReportMetricsAsync(Lease, 7, [new("accuracy", 0, 1, 0.5)], CancellationToken.None);

        Assert.Equal(4, server.Calls);
        Assert.Equal([7L], server.StoredSequences);
    }

    [Fact]
    public async Task ReportMetricsAsync_ServerDown_BacksOffFrom200MsDoublingTo5s()
    {
        var time = new InstantDelayTimeProvider();
        var channel = new RetryingWorkerChannel(new FlakyChannel(failures: 7), NullLogger.Instance, time);

        await channel.ReportMetricsAsync(Lease, 0, [], CancellationToken.None);

        Assert.Equal([200, 400, 800, 1600, 3200, 5000, 5000], time.Delays.Select(d => d.TotalMilliseconds));
    }

    [Theory]
    [InlineData(7, 7_000)]
    [InlineData(0, 200)] // at least the first backoff delay: no tight loop against a busy server
    [InlineData(3600, 20_000)] // at most 20 s, below the lease timeout
    public async Task ReportMetricsAsync_ServerBusyWithRetryAfterSeconds_WaitsAsAskedThenResendsSameBatch(int seconds, double waitMs)
    {
        var time = new InstantDelayTimeProvider();
        var server = new FlakyChannel(failures: 1, refusal: Busy(new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds))));
        var channel = new RetryingWorkerChannel(server, NullLogger.Instance, time);

        await channel.ReportMetricsAsync(Lease, 7, [new("accuracy", 0, 1, 0.5)], CancellationToken.None);

        Assert.Equal([waitMs], time.Delays.Select(d => d.TotalMilliseconds));
        Assert.Equal(2, server.Calls);
        Assert.Equal([7L], server.StoredSequences);
    }

    [Fact]
    public async Task ReportMetricsAsync_ServerBusyWithRetryAfterDate_WaitsUntilThatTime()
    {
        var time = new InstantDelayTimeProvider();
        var server = new FlakyChannel(failures: 1, refusal: Busy(new RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(15))));
        var channel = new RetryingWorkerChannel(server, NullLogger.Instance, time);

        await channel.ReportMetricsAsync(Lease, 3, [], CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(15)], time.Delays);
        Assert.Equal([3L], server.StoredSequences);
    }

    [Fact]
    public async Task ReportMetricsAsync_ServerBusyThenDown_BackoffStartsAtFirstDelay()
    {
        var time = new InstantDelayTimeProvider();
        var server = new FlakyChannel(failures: 2, refusal: Busy(new RetryConditionHeaderValue(TimeSpan.FromSeconds(5))), refusals: 1);
        var channel = new RetryingWorkerChannel(server, NullLogger.Instance, time);

        await channel.ReportMetricsAsync(Lease, 0, [], CancellationToken.None);

        Assert.Equal([5_000, 200], time.Delays.Select(d => d.TotalMilliseconds));
    }

    [Fact]
    public async Task ReportMetricsAsync_LeaseLost_NotRetried()
    {
        var server = new FlakyChannel(failures: 1, refusal: new JobLeaseLostException(1, 1));
        var channel = new RetryingWorkerChannel(server, NullLogger.Instance, TimeProvider.System);

        await Assert.ThrowsAsync<JobLeaseLostException>(() => channel.ReportMetricsAsync(Lease, 0, [], CancellationToken.None));

        Assert.Equal(1, server.Calls);
    }

    [Fact]
    public async Task ReportMetricsAsync_WorkerStopsWhileServerDown_GivesUp()
    {
        var server = new FlakyChannel(failures: int.MaxValue);
        var channel = new RetryingWorkerChannel(server, NullLogger.Instance, TimeProvider.System);
        using var stop = new CancellationTokenSource();

        var call = channel.ReportMetricsAsync(Lease, 0, [], stop.Token);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Empty(server.StoredSequences);
    }

    private static ServerBusyException Busy(RetryConditionHeaderValue retryAfter) =>
        new("POST jobs/1/metrics: 503 Service Unavailable", HttpStatusCode.ServiceUnavailable, retryAfter);
}
