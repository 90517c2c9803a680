using ContinualDash.Core.Data;
using ContinualDash.Core.Points;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using ContinualDash.Testing;

namespace ContinualDash.Core.Tests.Points;

public sealed class RunPointReaderTests
{
    private static readonly ManualTimeProvider Clock = new();

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task AfterAsync_FromEveryStoredId_ReturnsExactlyTheLaterPointsInStorageOrder(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var runId = await AddRunAsync(db, "a");
        var otherRun = await AddRunAsync(db, "b");
        var writer = new MetricWriter(db, Clock);
        var sent = new List<(string Name, int? Task, long Iteration, double Value)>();
        for (var batch = 0; batch < 3; batch++)
        {
            var points = Enumerable.Range(0, 7).Select(i => new MetricPointInput(i % 3 == 2 ? "loss" : "acc", i % 3 == 2 ? null : i % 3, batch * 10 + i, batch + i / 10.0)).ToList();
            await writer.WriteAsync(runId, null, 1, points, CancellationToken.None);
            await writer.WriteAsync(otherRun, null, 1, [new("acc", 0, batch, 9)], CancellationToken.None);
            // Within a batch the points come back grouped by series, in the order the series first appear.
            sent.AddRange(points.GroupBy(p => (p.Name, p.Task)).SelectMany(g => g).Select(p => (p.Name, p.Task, p.Iteration, p.Value)));
        }

        var all = await RunPointReader.TakeAsync(db, runId, 0, int.MaxValue, CancellationToken.None);

        Assert.Equal(sent, all.Select(p => (p.Name, p.Task, p.Iteration, p.Value)));
        Assert.Equal(all.Select(p => p.Id).Order(), all.Select(p => p.Id));
        Assert.Equal(all[^1].Id, await RunPointReader.LastIdAsync(db, runId, CancellationToken.None));
        for (var i = 0; i < all.Count; i++)
        {
            var rest = await RunPointReader.TakeAsync(db, runId, all[i].Id, int.MaxValue, CancellationToken.None);
            Assert.Equal(all.Skip(i + 1), rest);
        }
        Assert.Equal(all.Skip(4).Take(5), await RunPointReader.TakeAsync(db, runId, all[3].Id, 5, CancellationToken.None));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task AfterAsync_MoreChunksThanOneRead_PagesThroughAllOfThemOnce(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var runId = await AddRunAsync(db, "long");
        var writer = new MetricWriter(db, Clock);
        var batches = 2 * RunPointReader.ChunksPerRead + 3;
        for (var i = 0; i < batches; i++)
            await writer.WriteAsync(runId, null, 1, [new("acc", 0, 2 * i, i), new("acc", 0, 2 * i + 1, i)], CancellationToken.None);

        var all = await RunPointReader.TakeAsync(db, runId, 0, int.MaxValue, CancellationToken.None);
        var fromMiddle = await RunPointReader.TakeAsync(db, runId, all[RunPointReader.ChunksPerRead * 2 - 1].Id, int.MaxValue, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 2 * batches).Select(i => (long)i), all.Select(p => p.Iteration));
        Assert.Equal(all.Skip(RunPointReader.ChunksPerRead * 2), fromMiddle);
    }

    [Fact]
    public async Task LastIdAsync_RunWithoutPoints_IsZero()
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();

        Assert.Equal(0, await RunPointReader.LastIdAsync(db, await AddRunAsync(db, "empty"), CancellationToken.None));
    }

    private static async Task<long> AddRunAsync(DashDbContext db, string name)
    {
        var run = new Run(name, Clock.GetUtcNow().UtcDateTime);
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }
}
