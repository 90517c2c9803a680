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
}
