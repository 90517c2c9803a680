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

    /// <summary>Inserts the chunks in order, so their ids follow the order of the list.</summary>
    public static async Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<MetricChunk> chunks, CancellationToken ct)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO "MetricChunks" ("SeriesId", "Attempt", "FirstIteration", "LastIteration", "Count", "Points")
            VALUES (@series, @attempt, @first, @last, @count, @points)
            """;
        var series = insert.AddParameter("@series", 0L);
        var attempt = insert.AddParameter("@attempt", 0);
        var first = insert.AddParameter("@first", 0L);
        var last = insert.AddParameter("@last", 0L);
        var count = insert.AddParameter("@count", 0);
        var points = insert.AddParameter("@points", Array.Empty<byte>());
        foreach (var c in chunks)
        {
            series.Value = c.SeriesId;
            attempt.Value = c.Attempt;
            first.Value = c.FirstIteration;
            last.Value = c.LastIteration;
            count.Value = c.Count;
            points.Value = c.Points;
            await insert.ExecuteNonQueryAsync(ct);
        }
    }
}
