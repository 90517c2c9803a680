using System.Data.Common;
using ContinualDash.Core.Data;
using ContinualDash.Core.Points;

namespace ContinualDash.Core.Series;

/// <summary>The three reads <see cref="SeriesPointCache"/> makes, inside the caller's read transaction (none for a
/// count read on its own).</summary>
internal static class SeriesPointReader
{
    /// <summary>One stored point: the id (<see cref="PointIds"/>) orders points of equal iteration as they were stored.</summary>
    public readonly record struct Row(long Id, long Iteration, double Value);

    public static async Task<long> CountAsync(DbConnection connection, DbTransaction? tx, long seriesId, CancellationToken ct)
    {
        await using var command = Command(connection, tx, """SELECT "Points" FROM "MetricSeriesCounts" WHERE "SeriesId" = @series""", seriesId);
        return await command.ExecuteScalarAsync(ct) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Every point of the series in (iteration, id) order.</summary>
    public static async Task<List<Row>> AllAsync(DbConnection connection, DbTransaction tx, long seriesId, CancellationToken ct)
    {
        var rows = await AfterAsync(connection, tx, seriesId, afterId: 0, ct);
        // Points mostly arrive in iteration order; only a retried attempt or an out-of-order batch needs the sort.
        for (var i = 1; i < rows.Count; i++)
        {
            if (rows[i].Iteration >= rows[i - 1].Iteration) continue;
            rows.Sort(static (a, b) => a.Iteration != b.Iteration ? a.Iteration.CompareTo(b.Iteration) : a.Id.CompareTo(b.Id));
            break;
        }
        return rows;
    }

    /// <summary>The points stored after <paramref name="afterId"/>, in id order. Walks the (series, id) index from
    /// that chunk on, so the cost follows the points written since, not the size of the series.</summary>
    public static async Task<List<Row>> AfterAsync(DbConnection connection, DbTransaction tx, long seriesId, long afterId, CancellationToken ct)
    {
        await using var command = Command(connection, tx, """
            SELECT "Id", "Count", "Points" FROM "MetricChunks" WHERE "SeriesId" = @series AND "Id" >= @chunk ORDER BY "Id"
            """, seriesId);
        command.AddParameter("@chunk", PointIds.ChunkOf(afterId));
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var chunkId = reader.GetInt64(0);
            var chunk = PointChunkCodec.Decode(reader.GetFieldValue<byte[]>(2), reader.GetInt32(1));
            for (var k = 0; k < chunk.Count; k++)
            {
                var id = PointIds.Of(chunkId, k);
                if (id > afterId) rows.Add(new Row(id, chunk.Iterations[k], chunk.Values[k]));
            }
        }
        return rows;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, long seriesId)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.AddParameter("@series", seriesId);
        return command;
    }
}
