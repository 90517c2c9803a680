using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using ContinualDash.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tests.Data;

/// <summary>The SQLite back-up and restore path of docs/DEPLOYMENT.md: <c>VACUUM INTO</c> while the database is in use.</summary>
public sealed class SqliteBackupTests
{
    [Fact]
    public async Task VacuumInto_WhileAWriterAndAReaderAreOpen_GivesACopyThatRestoresWithEveryRow()
    {
        await using var live = TestDatabase.Sqlite();
        await using var db = await live.CreateMigratedContextAsync();
        var run = new Run("backed-up", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        var writer = new MetricWriter(db, new ManualTimeProvider());
        await writer.WriteAsync(run.Id, null, 1, [.. Enumerable.Range(0, 500).Select(i => new MetricPointInput("accuracy", 0, i, i / 500.0))], default);

        // A page reading in the middle of a transaction, as on a running server; the copy does not wait for it.
        await using var reader = new SqliteConnection(live.ConnectionString);
        await reader.OpenAsync();
        // Deferred: a read snapshot, not the write lock (Microsoft.Data.Sqlite begins IMMEDIATE by default).
        await using var readTransaction = reader.BeginTransaction(deferred: true);
        await using (var read = reader.CreateCommand())
        {
            read.CommandText = "SELECT SUM(Count) FROM MetricChunks";
            Assert.Equal(500L, await read.ExecuteScalarAsync());
        }

        var copy = Path.Combine(Path.GetDirectoryName(new SqliteConnectionStringBuilder(live.ConnectionString).DataSource)!, "backup.db");
        await using (var backup = new SqliteConnection(live.ConnectionString))
        {
            await backup.OpenAsync();
            await using var vacuum = backup.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $file";
            vacuum.Parameters.AddWithValue("$file", copy);
            await vacuum.ExecuteNonQueryAsync();
        }
        // Written after the back-up: not in the copy.
        await writer.WriteAsync(run.Id, null, 1, [new MetricPointInput("accuracy", 0, 500, 1.0)], default);

        // Restore = put the file where ConnectionStrings:Default points; start-up migration finds nothing to do.
        await using var restored = TestDatabase.Sqlite();
        File.Copy(copy, new SqliteConnectionStringBuilder(restored.ConnectionString).DataSource);
        await using var check = await restored.CreateMigratedContextAsync();
        Assert.Equal("backed-up", (await check.Runs.SingleAsync()).Name);
        var points = await StoredPoints.AllAsync(check);
        Assert.Equal(500, points.Count);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => i / 500.0), points.OrderBy(p => p.Iteration).Select(p => p.Value));
        await check.Database.OpenConnectionAsync();
        await using var integrity = check.Database.GetDbConnection().CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await integrity.ExecuteScalarAsync());
    }
}
