using ContinualDash.Core.Data;
using ContinualDash.Core.Ingest;
using ContinualDash.Core.Points;
using ContinualDash.Core.Tracking;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tests.Ingest;

/// <summary>
/// Group commit on a real database. The first commit is held at its start (the context factory waits) while
/// more batches queue, so the next group's members are known: everything queued while a commit is in flight.
/// </summary>
public sealed class MetricIngestTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task WriteAsync_BadBatchesInsideAGroup_FailAloneAndTheOthersAreStored(string provider)
    {
        await using var f = await Fixture.CreateAsync(provider);
        var (a, b, finished) = (await f.RunAsync(), await f.RunAsync(), await f.RunAsync());
        await TrackedRuns.FinishAsync(f.Db, finished);

        var first = f.Ingest.WriteAsync(Batch(a, "a0", 0, 10), None);
        await f.FirstCommitStarted.Task;
        var good = f.Ingest.WriteAsync(Batch(a, "a1", 10, 10), None);
        var invalid = f.Ingest.WriteAsync(new IngestBatch(a, "a2", [new("accuracy", 0, 20, double.NaN)]), None);
        var otherRun = f.Ingest.WriteAsync(Batch(b, "b0", 0, 5), None);
        var toFinished = f.Ingest.WriteAsync(Batch(finished, "f0", 0, 5), None);
        var unknown = f.Ingest.WriteAsync(Batch(999_999, "u0", 0, 5), None);
        f.Release();

        Assert.Equal(new MetricWriteResult(10, false), await first);
        Assert.Equal(new MetricWriteResult(10, false), await good);
        Assert.Equal(new MetricWriteResult(5, false), await otherRun);
        Assert.Equal("points[0].value", (await Assert.ThrowsAsync<TrackingException>(() => invalid)).Field);
        Assert.Contains("takes no more data", (await Assert.ThrowsAsync<TrackingException>(() => toFinished)).Message);
        Assert.Contains("does not exist", (await Assert.ThrowsAsync<TrackingException>(() => unknown)).Message);
        Assert.Equal(2, f.Ingest.Stats.Commits);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), await f.IterationsAsync(a));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => (long)i), await f.IterationsAsync(b));
        Assert.Empty(await f.IterationsAsync(finished));
        Assert.Equal(["a0", "a1", "b0"], await f.Db.MetricBatches.OrderBy(k => k.Key).Select(k => k.Key).ToListAsync());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task WriteAsync_KeyRepeatedAcrossAndInsideGroups_IsStoredOnce(string provider)
    {
        await using var f = await Fixture.CreateAsync(provider);
        var run = await f.RunAsync();

        var first = f.Ingest.WriteAsync(Batch(run, "k1", 0, 10), None);
        await f.FirstCommitStarted.Task;
        var resentAcross = f.Ingest.WriteAsync(Batch(run, "k1", 0, 10), None);
        var second = f.Ingest.WriteAsync(Batch(run, "k2", 10, 10), None);
        var resentInside = f.Ingest.WriteAsync(Batch(run, "k2", 10, 10), None);
        var unkeyed = f.Ingest.WriteAsync(Batch(run, null, 20, 10), None);
        f.Release();

        Assert.Equal(new MetricWriteResult(10, false), await first);
        Assert.Equal(new MetricWriteResult(0, true), await resentAcross);
        Assert.Equal(new MetricWriteResult(10, false), await second);
        Assert.Equal(new MetricWriteResult(0, true), await resentInside);
        Assert.Equal(new MetricWriteResult(10, false), await unkeyed);
        Assert.Equal(2, f.Ingest.Stats.Commits);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), await f.IterationsAsync(run));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task WriteAsync_QueueFull_RefusesWithRetryAfterAndStoresNothingOfIt(string provider)
    {
        await using var f = await Fixture.CreateAsync(provider, new IngestOptions { MaxQueuedPoints = 25, RetryAfter = TimeSpan.FromSeconds(2) });
        var run = await f.RunAsync();

        var first = f.Ingest.WriteAsync(Batch(run, "k0", 0, 20), None);
        await f.FirstCommitStarted.Task;
        var refused = f.Ingest.WriteAsync(Batch(run, "k1", 20, 10), None);
        var fits = f.Ingest.WriteAsync(Batch(run, "k2", 30, 5), None);
        var busy = await Assert.ThrowsAsync<IngestBusyException>(() => refused);
        f.Release();
        await first;
        await fits;

        Assert.Equal(TimeSpan.FromSeconds(2), busy.RetryAfter);
        Assert.Equal(1, f.Ingest.Stats.Busy);
        Assert.Equal(0, f.Ingest.Stats.Queued);
        Assert.Equal(Enumerable.Range(0, 20).Concat(Enumerable.Range(30, 5)).Select(i => (long)i), await f.IterationsAsync(run));
        // Sent again later, the refused batch is stored like any other.
        Assert.Equal(new MetricWriteResult(10, false), await f.Ingest.WriteAsync(Batch(run, "k1", 20, 10), None));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task WriteAsync_WatchedRun_PublishesEachCommitsPointsAsStoredInIdOrder(string provider)
    {
        await using var f = await Fixture.CreateAsync(provider);
        var (watched, other) = (await f.RunAsync(), await f.RunAsync());
        using var feed = f.Notifier.Subscribe(watched);

        var first = f.Ingest.WriteAsync(Batch(watched, "w0", 0, 3), None);
        await f.FirstCommitStarted.Task;
        var writes = new List<Task<MetricWriteResult>>
        {
            f.Ingest.WriteAsync(new IngestBatch(watched, "w1", [new("loss", null, 3, 0.5), new("accuracy", 1, 3, 0.25)]), None),
            f.Ingest.WriteAsync(Batch(other, "o0", 0, 4), None),
            f.Ingest.WriteAsync(Batch(watched, "w2", 4, 2), None),
        };
        f.Release();
        await first;
        await Task.WhenAll(writes);

        var published = new List<RunPoint>();
        while (feed.TryTake(out var points)) published.AddRange(points);
        Assert.False(feed.TakeOverflow());
        Assert.Equal(await StoredPoints.AllAsync(f.Db, watched), published);
        Assert.Equal(published.Select(p => p.Id).Order(), published.Select(p => p.Id));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task WriteAsync_ManyConcurrentWriters_StoresEveryPointOnceAndCountsIt(string provider)
    {
        await using var f = await Fixture.CreateAsync(provider, holdFirst: false);
        var runs = new List<long>();
        for (var i = 0; i < 8; i++) runs.Add(await f.RunAsync());

        // 8 writers x 25 batches, each writer waiting for its acknowledgement before the next batch, as loggers do.
        await Task.WhenAll(runs.Select(run => Task.Run(async () =>
        {
            for (var k = 0; k < 25; k++) await f.Ingest.WriteAsync(Batch(run, $"k{k}", k * 4, 4), None);
        })));

        foreach (var run in runs) Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), await f.IterationsAsync(run));
        var stats = f.Ingest.Stats;
        Assert.Equal((200, 800, 0), (stats.Batches, stats.Points, stats.Queued));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task WriteAsync_KeyedBatchRefusedByItsRun_LeavesTheKeyFreeForTheCorrectedBatch(string provider)
    {
        await using var f = await Fixture.CreateAsync(provider, holdFirst: false);
        var run = await TrackedRuns.CreateAsync(f.Db, new NewRun("two tasks", Tasks: ["a", "b"]));

        var refused = await Assert.ThrowsAsync<TrackingException>(() =>
            f.Ingest.WriteAsync(new IngestBatch(run, "k", [new("accuracy", 5, 1, 0.5)]), None));
        var corrected = await f.Ingest.WriteAsync(new IngestBatch(run, "k", [new("accuracy", 1, 1, 0.5)]), None);

        Assert.Equal("points[0].task", refused.Field);
        Assert.Equal(new MetricWriteResult(1, false), corrected);
        Assert.Equal([1L], await f.IterationsAsync(run));
    }

    private static IngestBatch Batch(long run, string? key, int from, int count) =>
        new(run, key, [.. Enumerable.Range(from, count).Select(i => new MetricPointInput("accuracy", 0, i, i / 1000.0))]);

    private sealed class Fixture : IAsyncDisposable
    {
        private readonly TestDatabase database;
        private readonly SemaphoreSlim hold;
        private int calls;

        private Fixture(TestDatabase database, DashDbContext db, IngestOptions options, bool holdFirst)
        {
            this.database = database;
            Db = db;
            hold = new SemaphoreSlim(holdFirst ? 0 : 1);
            Ingest = new MetricIngest(() =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    FirstCommitStarted.TrySetResult();
                    hold.Wait();
                }
                return database.CreateContext(Notifier);
            }, Notifier, new SeriesIdCache(), TimeProvider.System, options);
        }

        public DashDbContext Db { get; }

        public TrackingNotifier Notifier { get; } = new();

        public MetricIngest Ingest { get; }

        /// <summary>Set when the committer has taken its first group and waits for <see cref="Release"/>.</summary>
        public TaskCompletionSource FirstCommitStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static async Task<Fixture> CreateAsync(string provider, IngestOptions? options = null, bool holdFirst = true)
        {
            var database = TestDatabase.Create(provider);
            var db = await database.CreateMigratedContextAsync();
            return new Fixture(database, db, options ?? new IngestOptions(), holdFirst);
        }

        public Task<long> RunAsync() => TrackedRuns.CreateAsync(Db, new NewRun($"run {Guid.NewGuid():N}", null, "{}", null, null, null));

        public void Release() => hold.Release();

        public async Task<List<long>> IterationsAsync(long run)
        {
            await using var db = database.CreateContext();
            return [.. (await StoredPoints.AllAsync(db, run)).Select(p => p.Iteration).Order()];
        }

        public async ValueTask DisposeAsync()
        {
            await Ingest.DisposeAsync();
            await Db.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
