using System.Diagnostics;
using System.Runtime.InteropServices;
using ContinualDash.Core.Data;
using ContinualDash.Core.Points;
using ContinualDash.Core.Series;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Bench.Ingest;

/// <summary>
/// What the series endpoint would do per request without the series cache: read every chunk of the series with
/// a plain data reader, unpack it, then M4. Timed in this process next to the API, for a side-by-side comparison.
/// </summary>
internal static class UncachedSeriesRead
{
    public static async Task<double[]> RunAsync(DashDbContext db, long seriesId, int samples)
    {
        var times = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var (xs, ys) = await ReadAsync(db, seriesId);
            SeriesReduction.M4(CollectionsMarshal.AsSpan(xs), CollectionsMarshal.AsSpan(ys), xs[0], xs[^1], 250);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        return times;
    }

    private static async Task<(List<double> Xs, List<double> Ys)> ReadAsync(DashDbContext db, long seriesId)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            // The bench's series is stored in iteration order, so the chunks in id order need no sort.
            command.CommandText = """
                SELECT "Count", "Points" FROM "MetricChunks" WHERE "SeriesId" = @series ORDER BY "Id"
                """;
            command.AddParameter("@series", seriesId);
            var xs = new List<double>();
            var ys = new List<double>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var chunk = PointChunkCodec.Decode(reader.GetFieldValue<byte[]>(1), reader.GetInt32(0));
                foreach (var x in chunk.Iterations) xs.Add(x);
                ys.AddRange(chunk.Values);
            }
            return (xs, ys);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
