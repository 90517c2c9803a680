using System.Data.Common;
using ContinualDash.Core.Data;
using ContinualDash.Core.Metrics;
using ContinualDash.Core.Tracking;

namespace ContinualDash.Core.Points;

/// <summary>Turns points into chunk rows (one per series of a batch) and inserts them on the caller's transaction.</summary>
internal static class PointChunks
{
    /// <summary>
    /// The indexes of the batch's points per (name, task) key, in the order the keys first appear. Points of one
    /// series usually come in runs, and the reader hands out one string per run of equal names, so a point
    /// like the previous one skips the hash lookup.
    /// </summary>
    public static Dictionary<(string, int), List<int>> GroupBySeries(IReadOnlyList<MetricPointInput> points)
    {
        var groups = new Dictionary<(string, int), List<int>>();
        List<int>? last = null;
        string? lastName = null;
        var lastTask = 0;
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var task = p.Task ?? MetricSeries.NoTask;
            if (last is null || !ReferenceEquals(p.Name, lastName) || task != lastTask)
            {
                if (!groups.TryGetValue((p.Name, task), out last)) groups[(p.Name, task)] = last = [];
                (lastName, lastTask) = (p.Name, task);
            }
            last.Add(i);
        }
        return groups;
    }

    /// <summary>
    /// One chunk per group, in group order, points in batch order; a series with more than
    /// <see cref="PointIds.MaxChunkPoints"/> points takes several chunks.
    /// </summary>
    public static List<MetricChunk> FromGroups(
        IReadOnlyList<MetricPointInput> points, Dictionary<(string, int), List<int>> groups,
        IReadOnlyDictionary<(string, int), long> seriesIds, int attempt, long nowMs)
    {
        var chunks = new List<MetricChunk>(groups.Count);
        foreach (var (key, members) in groups)
        {
            var seriesId = seriesIds[key];
            for (var start = 0; start < members.Count; start += PointIds.MaxChunkPoints)
            {
                var n = Math.Min(PointIds.MaxChunkPoints, members.Count - start);
                var iterations = new long[n];
                var values = new double[n];
                var times = new long[n];
                for (var k = 0; k < n; k++)
                {
                    var p = points[members[start + k]];
                    iterations[k] = p.Iteration;
                    values[k] = p.Value;
                    times[k] = p.WallTimeMs ?? nowMs;
                }
                chunks.Add(Chunk(seriesId, attempt, iterations, values, times));
            }
        }
        return chunks;
    }

    /// <summary>A chunk row (without its id) for the given columns.</summary>
    public static MetricChunk Chunk(long seriesId, int attempt, long[] iterations, double[] values, long[] times) => new()
    {
        SeriesId = seriesId,
        Attempt = attempt,
        FirstIteration = iterations.Min(),
        LastIteration = iterations.Max(),
        Count = iterations.Length,
        Points = PointChunkCodec.Encode(iterations, values, times),
    };

    /// <summary>Chunk rows per INSERT statement: one round trip for a whole batch, far below both providers'
    /// parameter limits.</summary>
    private const int RowsPerStatement = 100;

    /// <summary>Inserts the chunks in order, so their ids follow the order of the list, and sets their ids.</summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="transaction">The transaction to insert in.</param>
    /// <param name="chunks">The chunks, without ids.</param>
    /// <param name="trailer">Adds one more statement (its text, its parameters on the command) to the last insert
    /// command, so that it costs no round trip of its own.</param>
    public static void Insert(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<MetricChunk> chunks, Func<DbCommand, string>? trailer = null)
    {
        for (var start = 0; start < chunks.Count; start += RowsPerStatement)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            var rows = new List<string>();
            for (var i = start; i < Math.Min(chunks.Count, start + RowsPerStatement); i++)
            {
                var c = chunks[i];
                var n = rows.Count;
                insert.AddParameter($"@s{n}", c.SeriesId);
                insert.AddParameter($"@a{n}", c.Attempt);
                insert.AddParameter($"@f{n}", c.FirstIteration);
                insert.AddParameter($"@l{n}", c.LastIteration);
                insert.AddParameter($"@c{n}", c.Count);
                insert.AddParameter($"@p{n}", c.Points);
                rows.Add($"(@s{n}, @a{n}, @f{n}, @l{n}, @c{n}, @p{n})");
            }
            // Multi-row VALUES insert in list order on both providers, so ids follow the list; RETURNING does
            // not promise an order, hence the sort.
            insert.CommandText = $"""
                INSERT INTO "MetricChunks" ("SeriesId", "Attempt", "FirstIteration", "LastIteration", "Count", "Points")
                VALUES {string.Join(", ", rows)}
                RETURNING "Id";
                """;
            if (trailer is not null && start + RowsPerStatement >= chunks.Count) insert.CommandText += "\n" + trailer(insert);
            var ids = new List<long>(rows.Count);
            using (var reader = insert.ExecuteReader())
            {
                while (reader.Read()) ids.Add(reader.GetInt64(0));
                while (reader.NextResult()) { } // the trailer
            }
            ids.Sort();
            for (var i = 0; i < ids.Count; i++) chunks[start + i].Id = ids[i];
        }
    }

    /// <summary>
    /// Appends the points of stored <paramref name="chunks"/> (made by <see cref="FromGroups"/> from the same
    /// <paramref name="groups"/>, ids set) to <paramref name="into"/> as the readers would return them: what the
    /// live fan-out sends without reading them back.
    /// </summary>
    public static void ToRunPoints(
        IReadOnlyList<MetricPointInput> points, Dictionary<(string, int), List<int>> groups, IReadOnlyList<MetricChunk> chunks,
        long nowMs, List<RunPoint> into)
    {
        var c = 0;
        foreach (var ((name, task), members) in groups)
        {
            int? taskIndex = task == MetricSeries.NoTask ? null : task;
            for (var start = 0; start < members.Count; start += PointIds.MaxChunkPoints)
            {
                var chunk = chunks[c++];
                for (var k = 0; k < chunk.Count; k++)
                {
                    var p = points[members[start + k]];
                    into.Add(new RunPoint(PointIds.Of(chunk.Id, k), name, taskIndex, p.Iteration, p.Value, p.WallTimeMs ?? nowMs, chunk.Attempt));
                }
            }
        }
    }
}
