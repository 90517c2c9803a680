using ContinualDash.Core.Data;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Series;
using ContinualDash.Core.Tracking;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tests.Series;

public sealed class SeriesPointCacheTests
{
    private static readonly ManualTimeProvider Clock = new();

    [Theory]
    [InlineData("Sqlite", 1)]
    [InlineData("Sqlite", 2)]
    [InlineData("Postgres", 3)]
    public async Task GetAsync_WhilePointsArriveOverAttempts_EqualsTheStoredPointsAndTheirM4(string provider, int seed)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var runId = await AddRunAsync(db);
        var writer = new MetricWriter(db, Clock);
        var cache = new SeriesPointCache();
        var rng = new Random(seed);
        long next = 0;

        for (var batch = 0; batch < 12; batch++)
        {
            // Mostly appends; every fourth batch is a retried attempt re-logging earlier iterations, with ties.
            var rewind = batch % 4 == 3;
            var first = rewind ? rng.NextInt64(0, Math.Max(1, next)) : next;
            var points = Enumerable.Range(0, rng.Next(1, 400))
                .Select(i => new MetricPointInput("accuracy", 0, first + i / 2, Math.Round(rng.NextDouble(), 2)))
                .ToList();
            next = Math.Max(next, first + points.Count / 2 + 1);
            await writer.WriteAsync(runId, null, 1 + batch / 4, points, CancellationToken.None);

            var stored = await cache.GetAsync(db, await SeriesIdAsync(db, runId), CancellationToken.None);
            var (xs, ys) = await ReadDirectlyAsync(db, runId);
            Assert.Equal(xs, stored.Xs.AsSpan(0, stored.Length).ToArray());
            Assert.Equal(ys, stored.Ys.AsSpan(0, stored.Length).ToArray());
            Assert.Equal(
                SeriesReduction.M4(xs, ys, xs[0], xs[^1], 16),
                SeriesReduction.M4(stored.Xs.AsSpan(0, stored.Length), stored.Ys.AsSpan(0, stored.Length), xs[0], xs[^1], 16));
        }
    }

    [Fact]
    public async Task GetAsync_WriteFromAnotherContext_IsSeenOnTheNextRead()
    {
        await using var database = TestDatabase.Create();
        await using var reader = await database.CreateMigratedContextAsync();
        await using var writerDb = database.CreateContext();
        var runId = await AddRunAsync(writerDb);
        var writer = new MetricWriter(writerDb, Clock);
        var cache = new SeriesPointCache();
        await writer.WriteAsync(runId, null, 1, [new("loss", null, 0, 1.0), new("loss", null, 1, 0.5)], CancellationToken.None);
        var seriesId = await SeriesIdAsync(reader, runId);

        var before = await cache.GetAsync(reader, seriesId, CancellationToken.None);
        var unchanged = await cache.GetAsync(reader, seriesId, CancellationToken.None);
        await writer.WriteAsync(runId, null, 1, [new("loss", null, 2, 0.25)], CancellationToken.None);
        var after = await cache.GetAsync(reader, seriesId, CancellationToken.None);

        Assert.Same(before, unchanged);
        Assert.Equal(2, before.Length);
        Assert.Equal([0.0, 1.0, 2.0], after.Xs.AsSpan(0, after.Length).ToArray());
        Assert.Equal([1.0, 0.5, 0.25], after.Ys.AsSpan(0, after.Length).ToArray());
    }

    [Fact]
    public async Task GetAsync_OverTheBound_DropsTheLeastRecentlyUsedSeries()
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        var runId = await AddRunAsync(db);
        await new MetricWriter(db, Clock).WriteAsync(runId, null, 1,
            [.. Enumerable.Range(0, 6).Select(i => new MetricPointInput(i < 3 ? "a" : "b", null, i, i))], CancellationToken.None);
        var ids = await db.MetricSeries.OrderBy(s => s.Name).Select(s => s.Id).ToListAsync();
        var cache = new SeriesPointCache(maxPoints: 4);

        var a = await cache.GetAsync(db, ids[0], CancellationToken.None);
        await cache.GetAsync(db, ids[1], CancellationToken.None);
        var aAgain = await cache.GetAsync(db, ids[0], CancellationToken.None);

        Assert.NotSame(a, aAgain);
        Assert.Equal(a.Xs.AsSpan(0, a.Length).ToArray(), aAgain.Xs.AsSpan(0, aAgain.Length).ToArray());
    }

    [Theory]
    [InlineData(null, null, 0, 7)]
    [InlineData(2L, 4L, 2, 6)]
    [InlineData(5L, 5L, 6, 6)]
    [InlineData(-3L, 0L, 0, 1)]
    public void Window_Bounds_SelectsInclusiveIterationRange(long? from, long? to, int start, int end)
    {
        var stored = new StoredSeries([0, 1, 2, 3, 3, 4, 6, 99], [0, 0, 0, 0, 0, 0, 0, 0], 7, 7, 7);

        Assert.Equal((start, end), stored.Window(from, to));
    }

    private static async Task<(double[] Xs, double[] Ys)> ReadDirectlyAsync(DashDbContext db, long runId)
    {
        var rows = (await StoredPoints.AllAsync(db, runId)).OrderBy(p => p.Iteration).ThenBy(p => p.Id).ToList();
        return (rows.Select(r => (double)r.Iteration).ToArray(), rows.Select(r => r.Value).ToArray());
    }

    private static Task<long> SeriesIdAsync(DashDbContext db, long runId) =>
        db.MetricSeries.Where(s => s.RunId == runId).Select(s => s.Id).SingleAsync();

    private static async Task<long> AddRunAsync(DashDbContext db)
    {
        var run = new Run("r", Clock.GetUtcNow().UtcDateTime);
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }
}
