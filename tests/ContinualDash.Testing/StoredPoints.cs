using ContinualDash.Core.Data;
using ContinualDash.Core.Points;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Testing;

/// <summary>What tests check after a write: every stored point, unpacked from its chunk, in id (storage) order.</summary>
public static class StoredPoints
{
    /// <summary>One stored point with its series.</summary>
    public sealed record Point(long Id, long RunId, long SeriesId, string Name, int TaskKey, long Iteration, double Value, long WallTimeMs, int Attempt);

    /// <summary>Every point in the database (all runs), in id order.</summary>
    public static async Task<List<Point>> AllAsync(DashDbContext db, long? runId = null)
    {
        var chunks = await (from c in db.MetricChunks.AsNoTracking()
                            join s in db.MetricSeries on c.SeriesId equals s.Id
                            where runId == null || s.RunId == runId
                            orderby c.Id
                            select new { c.Id, c.Count, c.Points, c.Attempt, c.SeriesId, s.RunId, s.Name, s.TaskKey }).ToListAsync();
        var points = new List<Point>();
        foreach (var c in chunks)
        {
            var decoded = PointChunkCodec.Decode(c.Points, c.Count);
            for (var k = 0; k < c.Count; k++)
            {
                points.Add(new Point(PointIds.Of(c.Id, k), c.RunId, c.SeriesId, c.Name, c.TaskKey,
                    decoded.Iterations[k], decoded.Values[k], decoded.Times[k], c.Attempt));
            }
        }
        return points;
    }

    /// <summary>How many points the database holds (all runs).</summary>
    public static async Task<long> CountAsync(DashDbContext db) =>
        await db.MetricChunks.SumAsync(c => (long?)c.Count) ?? 0;
}
