using ContinualDash.Core.Data;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tests.Tracking;

public sealed class MetricWriterTests
{
    private static readonly ManualTimeProvider Clock = new();

    [Theory]
    [InlineData("Sqlite", 5003)]
    [InlineData("Postgres", 407)]
    public async Task WriteAsync_ManyRows_StoresEveryRowWithItsOwnValues(string provider, int count)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var runId = await AddRunAsync(db);
        var points = Enumerable.Range(0, count).Select(i => new MetricPointInput(i % 2 == 0 ? "a" : "b", i % 3, i, i * 0.5, 1000 + i)).ToList();

        await new MetricWriter(db, Clock).WriteAsync(runId, null, 1, points, CancellationToken.None);

        var stored = (await StoredPoints.AllAsync(db)).OrderBy(x => x.Iteration).ToList();
        Assert.Equal(points.Select(p => (p.Name, p.Task!.Value, p.Iteration, p.Value, p.WallTimeMs!.Value)),
            stored.Select(x => (x.Name, x.Task!.Value, x.Iteration, x.Value, x.Time)));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task WriteAsync_NewSeries_StoresEveryPointWithAttemptAndTime(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var runId = await AddRunAsync(db);

        var result = await new MetricWriter(db, Clock).WriteAsync(runId, null, 2,
            [new("accuracy", 0, 1, 0.5), new("accuracy", 1, 1, 0.25), new("loss", null, 1, 2.0, WallTimeMs: 1234)],
            CancellationToken.None);

        Assert.Equal(new MetricWriteResult(3, false), result);
        var series = await db.MetricSeries.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.TaskKey).ToListAsync();
        Assert.Equal([("accuracy", (int?)0), ("accuracy", 1), ("loss", null)], series.Select(s => (s.Name, s.Task)));
        var points = await StoredPoints.AllAsync(db);
        Assert.Equal([0.5, 0.25, 2.0], points.Select(p => p.Value));
        Assert.All(points, p => Assert.Equal(2, p.Attempt));
        Assert.Equal(Clock.GetUtcNow().ToUnixTimeMilliseconds(), points[0].Time);
        Assert.Equal(1234, points[2].Time);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task WriteAsync_SameBatchKeyTwice_StoresOnce(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var runId = await AddRunAsync(db);
        var writer = new MetricWriter(db, Clock);
        MetricPointInput[] batch = [new("accuracy", 0, 5, 0.9), new("accuracy", 0, 6, 0.8)];

        var first = await writer.WriteAsync(runId, "b-1", 1, batch, CancellationToken.None);
        var again = await writer.WriteAsync(runId, "b-1", 1, batch, CancellationToken.None);
        var other = await writer.WriteAsync(runId, "b-2", 1, [new("accuracy", 0, 7, 0.7)], CancellationToken.None);

        Assert.Equal(new MetricWriteResult(2, false), first);
        Assert.Equal(new MetricWriteResult(0, true), again);
        Assert.Equal(new MetricWriteResult(1, false), other);
        Assert.Equal(3, await StoredPoints.CountAsync(db));
        Assert.Equal(1, await db.MetricSeries.CountAsync());
    }

    [Fact]
    public async Task WriteAsync_SameKeyOnAnotherRun_IsNotADuplicate()
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        var writer = new MetricWriter(db, Clock);
        var a = await AddRunAsync(db);
        var b = await AddRunAsync(db);

        await writer.WriteAsync(a, "k", 1, [new("accuracy", 0, 1, 0.1)], CancellationToken.None);
        var result = await writer.WriteAsync(b, "k", 1, [new("accuracy", 0, 1, 0.2)], CancellationToken.None);

        Assert.False(result.Duplicate);
        Assert.Equal(2, await db.MetricSeries.CountAsync());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task WriteAsync_SeriesCreatedByAnotherWriter_CacheLooksItUpAndStoresInRightSeries(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var runId = await AddRunAsync(db);
        var cache = new SeriesIdCache();
        await using var otherDb = database.CreateContext();

        await new MetricWriter(db, Clock, cache).WriteAsync(runId, null, 1, [new("a", 0, 1, 0.1)], CancellationToken.None);
        await new MetricWriter(otherDb, Clock).WriteAsync(runId, null, 1, [new("b", 0, 1, 0.2)], CancellationToken.None);
        await new MetricWriter(db, Clock, cache).WriteAsync(runId, null, 1, [new("a", 0, 2, 0.3), new("b", 0, 2, 0.4)], CancellationToken.None);

        var stored = (await StoredPoints.AllAsync(db)).OrderBy(x => x.Value).ToList();
        Assert.Equal([("a", 0.1), ("b", 0.2), ("a", 0.3), ("b", 0.4)], stored.Select(x => (x.Name, x.Value)));
        var ids = await db.MetricSeries.AsNoTracking().ToDictionaryAsync(s => (s.Name, s.TaskKey), s => s.Id);
        Assert.Equal(ids.OrderBy(kv => kv.Value), cache.Covering(runId, [("a", 0), ("b", 0)])!.OrderBy(kv => kv.Value));
    }

    [Fact]
    public void Validate_BadPoints_NamesEachField()
    {
        var errors = MetricBatchValidator.Validate("", [
            new("", 0, 1, 0.5),
            new("acc", -1, -2, double.NaN),
            new("acc", 3, 1, double.PositiveInfinity),
        ], taskCount: 3);

        Assert.Equal(["batch", "points[0].name", "points[1].task", "points[1].iteration", "points[1].value",
            "points[2].task", "points[2].value"], errors.Select(e => e.Field));
        Assert.Contains("declared 3 tasks", errors.Single(e => e.Field == "points[2].task").Message);
    }

    [Fact]
    public void Validate_GoodPoints_ReturnsNothing()
    {
        Assert.Empty(MetricBatchValidator.Validate("key", [new("acc", 0, 0, 1.0), new("loss", null, 3, -2.5)], null));
    }

    private static async Task<long> AddRunAsync(DashDbContext db)
    {
        var run = new Run("r", Clock.GetUtcNow().UtcDateTime);
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }
}
