using System.Data.Common;
using ContinualDash.Core.Data;
using ContinualDash.Core.Metrics;
using ContinualDash.Core.Points;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ContinualDash.Core.Tracking;

/// <summary>
/// Stores metric batches durably: one transaction per batch, series created on first use, and an optional
/// batch key that makes a retried batch a no-op. Callers validate the points first
/// (<see cref="MetricBatchValidator"/>); this class trusts them.
/// </summary>
/// <remarks>
/// Points are stored as one chunk row per series of the batch (<see cref="PointChunks"/>), bypassing EF change
/// tracking. Writes to one run are serialised on
/// PostgreSQL (a lock on the run's row, held to commit): chunk ids come from one sequence, and without the
/// lock a batch that took lower ids could commit after one that took higher ids, so a reader that follows
/// a run by id (event stream, export) could step past points that were not visible yet. On SQLite the
/// single writer already serialises every write.
/// </remarks>
public sealed class MetricWriter(DashDbContext db, TimeProvider time, SeriesIdCache? seriesCache = null)
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
            var postgres = db.Database.IsNpgsql();
            if (postgres) await LockRunAsync(connection, transaction, runId, ct);

            if (batchKey is not null && !await ClaimBatchKeyAsync(connection, transaction, runId, batchKey, points.Count, now.UtcDateTime, ct))
                return new MetricWriteResult(0, Duplicate: true);

            var bySeries = PointChunks.GroupBySeries(points);
            var cached = seriesCache?.Covering(runId, bySeries.Keys);
            var seriesIds = cached ?? await ResolveSeriesAsync(connection, transaction, runId, bySeries.Keys, ct);
            var chunks = PointChunks.FromGroups(points, bySeries, seriesIds, attempt, now.ToUnixTimeMilliseconds());
            await PointChunks.InsertAsync(connection, transaction, chunks, ct);
            await AddToCountsAsync(connection, transaction, chunks, ct);

            await tx.CommitAsync(ct);
            if (cached is null) seriesCache?.Set(runId, seriesIds);
            return new MetricWriteResult(points.Count, Duplicate: false);
        });
    }

    /// <summary>Takes the run's row lock until commit (PostgreSQL; see the remarks). <c>NO KEY UPDATE</c> does not
    /// block the foreign-key checks of other tables' inserts, only other writers of the same run.</summary>
    private static async Task LockRunAsync(DbConnection connection, DbTransaction transaction, long runId, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """SELECT 1 FROM "Runs" WHERE "Id" = @run FOR NO KEY UPDATE""";
        command.AddParameter("@run", runId);
        await command.ExecuteScalarAsync(ct);
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
        DbConnection connection, DbTransaction transaction, long runId, IReadOnlyCollection<(string, int)> wanted, CancellationToken ct)
    {
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
    /// the points it can see. One statement for all series of the batch, in id order: two writers of the
    /// same series then take the row locks in the same order and cannot deadlock.
    /// </summary>
    internal static async Task AddToCountsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<MetricChunk> chunks, CancellationToken ct)
    {
        var added = new SortedDictionary<long, long>();
        foreach (var c in chunks) added[c.SeriesId] = added.GetValueOrDefault(c.SeriesId) + c.Count;
        if (added.Count == 0) return;
        await using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        var rows = new List<string>(added.Count);
        foreach (var (id, n) in added)
        {
            upsert.AddParameter($"@s{rows.Count}", id);
            upsert.AddParameter($"@p{rows.Count}", n);
            rows.Add($"(@s{rows.Count}, @p{rows.Count})");
        }
        upsert.CommandText = $"""
            INSERT INTO "MetricSeriesCounts" ("SeriesId", "Points") VALUES {string.Join(", ", rows)}
            ON CONFLICT ("SeriesId") DO UPDATE SET "Points" = "MetricSeriesCounts"."Points" + excluded."Points"
            """;
        await upsert.ExecuteNonQueryAsync(ct);
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
}
