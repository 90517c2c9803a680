using System.Data.Common;
using ContinualDash.Core.Data;
using ContinualDash.Core.Metrics;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Points;

/// <summary>
/// Moves the points of a database from before chunked storage (the <c>MetricPoints</c> table, one row per point)
/// into chunks. Start-up runs it between the migration that adds the chunk table and the one that drops the old
/// table. One transaction per series: a crash leaves every series either converted (its rows deleted) or not
/// (its rows intact), and the next start carries on.
/// </summary>
internal static class LegacyPointConversion
{
    /// <summary>The migration that adds <c>MetricChunks</c>.</summary>
    public const string ChunksMigration = "20261122090000_PointChunks";

    /// <summary>The migration that drops <c>MetricPoints</c>; the conversion runs before it.</summary>
    public const string DropMigration = "20261122090100_DropMetricPoints";

    /// <summary>Converts every series still in <c>MetricPoints</c>; returns the number of points moved.</summary>
    public static async Task<long> RunAsync(DashDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            long moved = 0;
            while (await NextSeriesAsync(connection, ct) is { } seriesId)
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                var chunks = await ReadAsChunksAsync(connection, tx, seriesId, ct);
                PointChunks.Insert(connection, tx, chunks);
                await using (var delete = connection.CreateCommand())
                {
                    delete.Transaction = tx;
                    delete.CommandText = """DELETE FROM "MetricPoints" WHERE "SeriesId" = @series""";
                    delete.AddParameter("@series", seriesId);
                    await delete.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                moved += chunks.Sum(c => (long)c.Count);
            }
            return moved;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<long?> NextSeriesAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT MIN("SeriesId") FROM "MetricPoints" """;
        return await command.ExecuteScalarAsync(ct) is { } value and not DBNull
            ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The series' rows in id order, cut into chunks where the attempt changes or a chunk is full.</summary>
    private static async Task<List<MetricChunk>> ReadAsChunksAsync(DbConnection connection, DbTransaction tx, long seriesId, CancellationToken ct)
    {
        await using var select = connection.CreateCommand();
        select.Transaction = tx;
        select.CommandText = """
            SELECT "Iteration", "Value", "WallTimeMs", "Attempt" FROM "MetricPoints" WHERE "SeriesId" = @series ORDER BY "Id"
            """;
        select.AddParameter("@series", seriesId);
        var chunks = new List<MetricChunk>();
        List<long> iterations = [], times = [];
        List<double> values = [];
        var attempt = 0;
        void Flush()
        {
            if (iterations.Count == 0) return;
            chunks.Add(PointChunks.Chunk(seriesId, attempt, [.. iterations], [.. values], [.. times]));
            iterations.Clear();
            values.Clear();
            times.Clear();
        }
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var rowAttempt = reader.GetInt32(3);
                if (rowAttempt != attempt || iterations.Count == PointIds.MaxChunkPoints) Flush();
                attempt = rowAttempt;
                iterations.Add(reader.GetInt64(0));
                values.Add(reader.GetDouble(1));
                times.Add(reader.GetInt64(2));
            }
        }
        Flush();
        return chunks;
    }
}
