using System.Data.Common;
using ContinualDash.Core.Data;
using ContinualDash.Core.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ContinualDash.Core.Tracking;

/// <summary>
/// Stores metric batches durably: one transaction per batch, series created on first use, and an optional
/// batch key that makes a retried batch a no-op. Callers validate the points first
/// (<see cref="MetricBatchValidator"/>); this class trusts them.
/// </summary>
/// <remarks>
/// The point rows bypass EF change tracking, which manages about 40k rows/s: SQLite gets one prepared
/// multi-row INSERT re-bound per chunk of rows, PostgreSQL a binary COPY (see docs/PERFORMANCE.md).
/// </remarks>
public sealed class MetricWriter(DashDbContext db, TimeProvider time)
{
    /// <summary>Writes <paramref name="points"/> for <paramref name="runId"/> as attempt <paramref name="attempt"/>.</summary>
    /// <returns>Whether the batch was stored, or skipped as a duplicate of an earlier batch with the same key.</returns>
    public async Task<MetricWriteResult> WriteAsync(
        long runId, string? batchKey, int attempt, IReadOnlyList<MetricPointInput> points, CancellationToken ct)
    {
        var now = time.GetUtcNow();
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
                await InsertSqliteAsync(connection, transaction, points, seriesIds, attempt, nowMs, ct);

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
        AddParameter(command, "@run", runId);
        AddParameter(command, "@key", key);
        AddParameter(command, "@points", count);
        AddParameter(command, "@now", now);
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
            var run = AddParameter(insert, "@run", runId);
            var name = AddParameter(insert, "@name", "");
            var task = AddParameter(insert, "@task", 0);
            foreach (var (n, t) in wanted.Where(w => !ids.ContainsKey(w)))
            {
                name.Value = n;
                task.Value = t;
                await insert.ExecuteNonQueryAsync(ct);
            }
        }
        return await LoadSeriesAsync(connection, transaction, runId, ct);
    }

    private static async Task<Dictionary<(string, int), long>> LoadSeriesAsync(
        DbConnection connection, DbTransaction transaction, long runId, CancellationToken ct)
    {
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = """SELECT "Id", "Name", "TaskKey" FROM "MetricSeries" WHERE "RunId" = @run""";
        AddParameter(select, "@run", runId);
        var ids = new Dictionary<(string, int), long>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids[(reader.GetString(1), reader.GetInt32(2))] = reader.GetInt64(0);
        return ids;
    }

    /// <summary>Rows per INSERT statement on SQLite: per-statement overhead dominates single-row inserts, and
    /// 5 parameters x 200 rows stays far below SQLite's limit of 32,766 variables.</summary>
    internal const int SqliteRowsPerStatement = 200;

    private static async Task InsertSqliteAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<MetricPointInput> points,
        Dictionary<(string, int), long> seriesIds, int attempt, long nowMs, CancellationToken ct)
    {
        var full = points.Count / SqliteRowsPerStatement * SqliteRowsPerStatement;
        if (full > 0)
        {
            await using var chunk = CreateSqliteInsert(connection, transaction, SqliteRowsPerStatement, attempt);
            for (var start = 0; start < full; start += SqliteRowsPerStatement)
            {
                BindRows(chunk, points, start, SqliteRowsPerStatement, seriesIds, nowMs);
                await chunk.ExecuteNonQueryAsync(ct);
            }
        }
        if (full < points.Count)
        {
            await using var rest = CreateSqliteInsert(connection, transaction, points.Count - full, attempt);
            BindRows(rest, points, full, points.Count - full, seriesIds, nowMs);
            await rest.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>A prepared multi-row INSERT: parameters s{i}, n{i}, v{i}, w{i} per row, one shared attempt.</summary>
    private static DbCommand CreateSqliteInsert(DbConnection connection, DbTransaction transaction, int rows, int attempt)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new System.Text.StringBuilder(
            """INSERT INTO "MetricPoints" ("SeriesId", "Iteration", "Value", "WallTimeMs", "Attempt") VALUES """);
        for (var r = 0; r < rows; r++)
        {
            if (r > 0) sql.Append(',');
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"(@s{r},@n{r},@v{r},@w{r},@a)");
            AddParameter(command, $"@s{r}", 0L);
            AddParameter(command, $"@n{r}", 0L);
            AddParameter(command, $"@v{r}", 0.0);
            AddParameter(command, $"@w{r}", 0L);
        }
        AddParameter(command, "@a", attempt);
        command.CommandText = sql.ToString();
        command.Prepare();
        return command;
    }

    private static void BindRows(DbCommand command, IReadOnlyList<MetricPointInput> points, int start, int rows,
        Dictionary<(string, int), long> seriesIds, long nowMs)
    {
        var parameters = command.Parameters;
        for (var r = 0; r < rows; r++)
        {
            var p = points[start + r];
            parameters[4 * r].Value = seriesIds[(p.Name, p.Task ?? MetricSeries.NoTask)];
            parameters[4 * r + 1].Value = p.Iteration;
            parameters[4 * r + 2].Value = p.Value;
            parameters[4 * r + 3].Value = p.WallTimeMs ?? nowMs;
        }
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

    private static DbParameter AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
