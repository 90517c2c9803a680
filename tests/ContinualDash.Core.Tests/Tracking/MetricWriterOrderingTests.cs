using ContinualDash.Core.Data;
using ContinualDash.Core.Points;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ContinualDash.Core.Tests.Tracking;

/// <summary>
/// <see cref="MetricWriter"/> on PostgreSQL with concurrent writers to one run: a reader that follows the run
/// by point id (the event stream, the export) must never step past a point that becomes visible later.
/// </summary>
public sealed class MetricWriterOrderingTests
{
    private static readonly ManualTimeProvider Clock = new();
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task WriteAsync_LaterBatchWhileEarlierIsInFlight_ReaderFollowingIdsMissesNothing()
    {
        await using var database = TestDatabase.Postgres();
        await using var db = await database.CreateMigratedContextAsync();
        var run = new Run("r", Clock.GetUtcNow().UtcDateTime);
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        await new MetricWriter(db, Clock).WriteAsync(run.Id, null, 1, [new("a", 0, 0, 0.5)], CancellationToken.None);
        var seriesA = await db.MetricSeries.Where(s => s.RunId == run.Id).Select(s => s.Id).SingleAsync();

        // Batch A takes its point ids, then stalls before commit on a lock this test holds on series a's count.
        await using var blocker = new NpgsqlConnection(database.ConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockCount = new NpgsqlCommand("""SELECT 1 FROM "MetricSeriesCounts" WHERE "SeriesId" = @s FOR UPDATE""", blocker, hold))
        {
            lockCount.Parameters.AddWithValue("s", seriesA);
            await lockCount.ExecuteScalarAsync();
        }
        await using var dbA = database.CreateContext();
        // Each writer on a thread of its own, as two server processes would be (the writer blocks while it waits).
        var batchA = Task.Run(() => new MetricWriter(dbA, Clock).WriteAsync(run.Id, "A", 1,
            Enumerable.Range(1, 100).Select(i => new MetricPointInput("a", 0, i, 0.5)).ToList(), CancellationToken.None));
        await UntilAsync(async () => await LockWaitersAsync(db) >= 1 || batchA.IsCompleted);
        Assert.False(batchA.IsCompleted, "batch A should be waiting for the held lock");

        // Batch B writes another series of the same run, so nothing of A's blocks it except the run's order.
        await using var dbB = database.CreateContext();
        var batchB = Task.Run(() => new MetricWriter(dbB, Clock).WriteAsync(run.Id, "B", 1, [new("b", 0, 1, 0.25)], CancellationToken.None));
        await UntilAsync(async () => await LockWaitersAsync(db) >= 2 || batchB.IsCompleted);

        await using var readerDb = database.CreateContext();
        var seen = await AfterAsync(readerDb, run.Id, 0);
        var cursor = seen.Count == 0 ? 0 : seen[^1];
        await hold.CommitAsync();
        await Task.WhenAll(batchA, batchB).WaitAsync(Patience);
        seen.AddRange(await AfterAsync(readerDb, run.Id, cursor));

        var stored = (await StoredPoints.AllAsync(db)).Select(p => p.Id).ToList();
        Assert.Equal(102, stored.Count);
        Assert.Equal(stored, seen.Order());
    }

    /// <summary>The query the event stream and the export make: the run's points after an id, in id order.</summary>
    private static async Task<List<long>> AfterAsync(DashDbContext db, long runId, long afterId) =>
        (await RunPointReader.TakeAsync(db, runId, afterId, int.MaxValue, CancellationToken.None)).Select(p => p.Id).ToList();

    private static async Task<int> LockWaitersAsync(DashDbContext db) =>
        await db.Database.SqlQueryRaw<int>(
            """SELECT count(*)::int AS "Value" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'""")
            .SingleAsync();

    /// <summary>Waits for a state of the database server, which offers no event to wait on.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!await condition()) await Task.Delay(20, timeout.Token);
    }
}
