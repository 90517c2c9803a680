using ContinualDash.Core.Metrics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace ContinualDash.Core.Tracking;

/// <summary>
/// Inserts a batch's point rows on the connection of the open transaction, bypassing EF change tracking
/// (about 40k rows/s): SQLite through its own prepared statement, PostgreSQL through a binary COPY.
/// </summary>
internal static class PointRows
{
    /// <summary>
    /// Inserts through SQLite's own prepared statement (bind by index, step, reset). ADO.NET's per-execution
    /// work (a data reader, parameter lookup by name) costs more than the insert itself; see
    /// docs/PERFORMANCE.md "Tracking API" for the side-by-side numbers.
    /// </summary>
    public static void InsertSqlite(
        SqliteConnection connection, IReadOnlyList<MetricPointInput> points,
        IReadOnlyDictionary<(string, int), long> seriesIds, int attempt, long nowMs, CancellationToken ct)
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

    public static async Task CopyPostgresAsync(
        NpgsqlConnection connection, IReadOnlyList<MetricPointInput> points,
        IReadOnlyDictionary<(string, int), long> seriesIds, int attempt, long nowMs, CancellationToken ct)
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

    private static void Check(int rc, sqlite3 handle)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE))
            throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc);
    }
}
