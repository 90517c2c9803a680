using System.Data.Common;
using ContinualDash.Core.Data;

namespace ContinualDash.Core.Series;

/// <summary>The three reads <see cref="SeriesPointCache"/> makes, inside the caller's read transaction (none for a
/// count read on its own).</summary>
internal static class SeriesPointReader
{
    /// <summary>One stored point: the id orders points of equal iteration as they were stored.</summary>
    public readonly record struct Row(long Id, long Iteration, double Value);

    public static async Task<long> CountAsync(DbConnection connection, DbTransaction? tx, long seriesId, CancellationToken ct)
    {
        await using var command = Command(connection, tx, """SELECT "Points" FROM "MetricSeriesCounts" WHERE "SeriesId" = @series""", seriesId);
        return await command.ExecuteScalarAsync(ct) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Every point of the series in (iteration, id) order.</summary>
    public static Task<List<Row>> AllAsync(DbConnection connection, DbTransaction tx, long seriesId, CancellationToken ct) =>
        ReadAsync(Command(connection, tx, """
            SELECT "Id", "Iteration", "Value" FROM "MetricPoints" WHERE "SeriesId" = @series ORDER BY "Iteration", "Id"
            """, seriesId), ct);

    /// <summary>The points stored after <paramref name="afterId"/>, in id order. Walks the primary key from
    /// that id on, so the cost follows the rows written since, not the size of the series.</summary>
    public static Task<List<Row>> AfterAsync(DbConnection connection, DbTransaction tx, long seriesId, long afterId, CancellationToken ct)
    {
        var command = Command(connection, tx, """
            SELECT "Id", "Iteration", "Value" FROM "MetricPoints" WHERE "Id" > @after AND "SeriesId" = @series ORDER BY "Id"
            """, seriesId);
        command.AddParameter("@after", afterId);
        return ReadAsync(command, ct);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, long seriesId)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.AddParameter("@series", seriesId);
        return command;
    }

    private static async Task<List<Row>> ReadAsync(DbCommand command, CancellationToken ct)
    {
        await using (command)
        {
            var rows = new List<Row>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) rows.Add(new Row(reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2)));
            return rows;
        }
    }
}
