using System.Data.Common;
using ContinualDash.Core.Data;
using ContinualDash.Core.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace ContinualDash.Core.Tracking;

/// <summary>
/// Stores metric batches durably: one transaction per batch, series created on first use, and an optional
/// batch key that makes a retried batch a no-op. Callers validate the points first
/// (<see cref="MetricBatchValidator"/>); this class trusts them.
/// </summary>
/// <remarks>
/// The point rows bypass EF change tracking, which manages about 40k rows/s: SQLite gets one prepared
/// single-row INSERT re-bound per row through SQLite's own API, PostgreSQL a binary COPY (see docs/PERFORMANCE.md).
/// </remarks>
public sealed class MetricWriter(DashDbContext db, TimeProvider time)
{
    /// <summary>Writes <paramref name="points"/> for <paramref name="runId"/> as attempt <paramref name="attempt"/>.</summary>
    /// <returns>Whether the batch was stored, or skipped as a duplicate of an earlier batch with the same key.</returns>
    public async Task<MetricWriteResult> WriteAsync(
        long runId, string? batchKey, int attempt, IReadOnlyList<MetricPointInput> points, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        using var gate = await SqliteWriteGate.EnterAsync(db, ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // On SQLite this is BEGIN IMMEDIATE: the write lock is taken up front, so two writers never
            // deadlock upgrading a read lock; on PostgreSQL rows are locked as they are written.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var connection = db.Database.GetDbConnection();
            var transaction = tx.GetDbTransaction();

            if (batchKey is not null && !await ClaimBatchKeyAsync(connection, transaction, runId, batchKey, points.Count, now.UtcDateTime, ct))
                return new MetricWriteResult(0, Duplicate: true);

            var seriesIds = await ResolveSeriesAsync(connection, transaction, runId, points, ct);
            var nowMs = now.ToUnixTimeMilliseconds();
            if (db.Database.IsNpgsql())
                await CopyPostgresAsync((NpgsqlConnection)connection, points, seriesIds, attempt, nowMs, ct);
            else
                InsertSqlite((SqliteConnection)connection, points, seriesIds, attempt, nowMs, ct);
            await AddToCountsAsync(connection, transaction, points, seriesIds, ct);

            await tx.CommitAsync(ct);
            return new MetricWriteResult(points.Count, Duplicate: false);
        });
    }

    /// <summary>Records the batch key; false when it was already there (a retried batch).</summary>
    private static async Task<bool> ClaimBatchKeyAsync(
        DbConnection connection, DbTransaction transaction, long runId, string key, int count, DateTime now, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO "MetricBatches" ("RunId", "Key", "Points", "ReceivedAt") VALUES (@run, @key, @points, @now)
            ON CONFLICT ("RunId", "Key") DO NOTHING
            """;
        command.AddParameter("@run", runId);
        command.AddParameter("@key", key);
        command.AddParameter("@points", count);
        command.AddParameter("@now", now);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Maps each (name, task) of the batch to its series id, creating the series it lacks.</summary>
    private static async Task<Dictionary<(string, int), long>> ResolveSeriesAsync(
        DbConnection connection, DbTransaction transaction, long runId, IReadOnlyList<MetricPointInput> points, CancellationToken ct)
    {
        var wanted = new HashSet<(string, int)>();
        foreach (var p in points) wanted.Add((p.Name, p.Task ?? MetricSeries.NoTask));

        var ids = await LoadSeriesAsync(connection, transaction, runId, ct);
        if (wanted.All(ids.ContainsKey)) return ids;

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            // ON CONFLICT: a concurrent writer on PostgreSQL may have created the same series meanwhile.
            insert.CommandText = """
                INSERT INTO "MetricSeries" ("RunId", "Name", "TaskKey") VALUES (@run, @name, @task)
                ON CONFLICT ("RunId", "Name", "TaskKey") DO NOTHING
                """;
            var run = insert.AddParameter("@run", runId);
            var name = insert.AddParameter("@name", "");
            var task = insert.AddParameter("@task", 0);
            foreach (var (n, t) in wanted.Where(w => !ids.ContainsKey(w)))
            {
                name.Value = n;
                task.Value = t;
                await insert.ExecuteNonQueryAsync(ct);
            }
        }
        return await LoadSeriesAsync(connection, transaction, runId, ct);
    }

    /// <summary>
    /// Raises each series' point count in the batch's transaction, so a count a reader sees always matches
    /// the points it can see. Series are updated in id order: two PostgreSQL writers of the same series then
    /// take the row locks in the same order and cannot deadlock.
    /// </summary>
    private static async Task AddToCountsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<MetricPointInput> points,
        Dictionary<(string, int), long> seriesIds, CancellationToken ct)
    {
        var added = new SortedDictionary<long, long>();
        foreach (var p in points)
        {
            var id = seriesIds[(p.Name, p.Task ?? MetricSeries.NoTask)];
            added[id] = added.GetValueOrDefault(id) + 1;
        }
        await using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO "MetricSeriesCounts" ("SeriesId", "Points") VALUES (@series, @points)
            ON CONFLICT ("SeriesId") DO UPDATE SET "Points" = "MetricSeriesCounts"."Points" + excluded."Points"
            """;
        var series = upsert.AddParameter("@series", 0L);
        var count = upsert.AddParameter("@points", 0L);
        foreach (var (id, n) in added)
        {
            series.Value = id;
            count.Value = n;
            await upsert.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task<Dictionary<(string, int), long>> LoadSeriesAsync(
        DbConnection connection, DbTransaction transaction, long runId, CancellationToken ct)
    {
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = """SELECT "Id", "Name", "TaskKey" FROM "MetricSeries" WHERE "RunId" = @run""";
        select.AddParameter("@run", runId);
        var ids = new Dictionary<(string, int), long>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids[(reader.GetString(1), reader.GetInt32(2))] = reader.GetInt64(0);
        return ids;
    }

    /// <summary>
    /// Inserts through SQLite's own prepared statement (bind by index, step, reset) on the connection of the
    /// open transaction. ADO.NET's per-execution work (a data reader, parameter lookup by name) costs more
    /// than the insert itself; see docs/PERFORMANCE.md "Tracking API" for the side-by-side numbers.
    /// </summary>
    private static void InsertSqlite(
        SqliteConnection connection, IReadOnlyList<MetricPointInput> points,
        Dictionary<(string, int), long> seriesIds, int attempt, long nowMs, CancellationToken ct)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        Check(raw.sqlite3_prepare_v2(handle, """
            INSERT INTO "MetricPoints" ("SeriesId", "Iteration", "Value", "WallTimeMs", "Attempt") VALUES (?1, ?2, ?3, ?4, ?5)
            """, out sqlite3_stmt statement), handle);
        using (statement)
        {
            Check(raw.sqlite3_bind_int(statement, 5, attempt), handle);
            for (var i = 0; i < points.Count; i++)
            {
                if ((i & 4095) == 0) ct.ThrowIfCancellationRequested();
                var p = points[i];
                raw.sqlite3_bind_int64(statement, 1, seriesIds[(p.Name, p.Task ?? MetricSeries.NoTask)]);
                raw.sqlite3_bind_int64(statement, 2, p.Iteration);
                raw.sqlite3_bind_double(statement, 3, p.Value);
                raw.sqlite3_bind_int64(statement, 4, p.WallTimeMs ?? nowMs);
                var rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE) Check(rc, handle);
                raw.sqlite3_reset(statement);
            }
        }
    }

    private static void Check(int rc, sqlite3 handle)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE))
            throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc);
    }

    private static async Task CopyPostgresAsync(
        NpgsqlConnection connection, IReadOnlyList<MetricPointInput> points,
        Dictionary<(string, int), long> seriesIds, int attempt, long nowMs, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            """COPY "MetricPoints" ("SeriesId", "Iteration", "Value", "WallTimeMs", "Attempt") FROM STDIN (FORMAT BINARY)""", ct);
        foreach (var p in points)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(seriesIds[(p.Name, p.Task ?? MetricSeries.NoTask)], NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(p.Iteration, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(p.Value, NpgsqlDbType.Double, ct);
            await copy.WriteAsync(p.WallTimeMs ?? nowMs, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(attempt, NpgsqlDbType.Integer, ct);
        }
        await copy.CompleteAsync(ct);
    }
}
