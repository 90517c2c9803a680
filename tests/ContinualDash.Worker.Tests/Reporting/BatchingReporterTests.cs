using ContinualDash.Worker.Reporting;

namespace ContinualDash.Worker.Tests.Reporting;

public sealed class BatchingReporterTests
{
    [Fact]
    public async Task AddAsync_MoreThanMaxBatch_SendsFullBatchesInOrder()
    {
        var sent = new List<(long Sequence, int[] Items)>();
        var reporter = new BatchingReporter<int>((batch, seq, _) => { sent.Add((seq, batch.ToArray())); return Task.CompletedTask; },
            maxBatch: 100, maxDelay: TimeSpan.FromHours(1), capacity: 1000, TimeProvider.System, CancellationToken.None);

        for (var i = 0; i < 250; i++) await reporter.AddAsync(i, CancellationToken.None);
        await reporter.CompleteAsync();

        Assert.Equal([0L, 1, 2], sent.Select(s => s.Sequence));
        Assert.Equal(Enumerable.Range(0, 250), sent.SelectMany(s => s.Items));
        Assert.True(sent[0].Items.Length == 100 && sent[1].Items.Length == 100);
        Assert.Equal(250, reporter.Sent);
    }

    [Fact]
    public async Task AddAsync_SenderBlocked_ProducerWaitsOnFullQueue()
    {
        var release = new TaskCompletionSource();
        var reporter = new BatchingReporter<int>(async (_, _, _) => await release.Task,
            maxBatch: 10, maxDelay: TimeSpan.FromHours(1), capacity: 20, TimeProvider.System, CancellationToken.None);

        // The first 10 items fill the batch in flight, the next 20 the queue; the 31st must wait.
        var added = 0;
        var producer = Task.Run(async () =>
        {
            for (var i = 0; i < 31; i++)
            {
                await reporter.AddAsync(i, CancellationToken.None);
                Interlocked.Increment(ref added);
            }
        });
        while (Volatile.Read(ref added) < 30) await Task.Delay(10);
        Assert.False(producer.IsCompleted);
        Assert.Equal(30, Volatile.Read(ref added));
        release.SetResult();
        await producer;
        await reporter.CompleteAsync();

        Assert.Equal(31, reporter.Sent);
    }
}
