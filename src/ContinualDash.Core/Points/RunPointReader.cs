using System.Runtime.CompilerServices;
using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Points;

/// <summary>The stored points of a run in id order (the order they were stored), from an id on: what the event
/// stream resumes from and what the export streams.</summary>
public static class RunPointReader
{
    /// <summary>Chunks read per query. Reading in pages keeps each query short, and a reader that stops early
    /// (the event stream takes at most a few thousand points) never has the rest of a long run sent to it.</summary>
    internal const int ChunksPerRead = 32;

    /// <summary>The points of <paramref name="runId"/> with ids above <paramref name="afterId"/>, page by page.</summary>
    public static async IAsyncEnumerable<RunPoint> AfterAsync(
        DashDbContext db, long runId, long afterId, [EnumeratorCancellation] CancellationToken ct)
    {
        var fromChunk = PointIds.ChunkOf(afterId);
        while (true)
        {
            var first = fromChunk;
            var chunks = await (from c in db.MetricChunks.AsNoTracking()
                                join s in db.MetricSeries on c.SeriesId equals s.Id
                                where s.RunId == runId && c.Id >= first
                                orderby c.Id
                                select new { c.Id, c.Count, c.Attempt, c.Points, s.Name, s.TaskKey }).Take(ChunksPerRead).ToListAsync(ct);
            foreach (var c in chunks)
            {
                var decoded = PointChunkCodec.Decode(c.Points, c.Count);
                int? task = c.TaskKey < 0 ? null : c.TaskKey;
                for (var k = 0; k < decoded.Count; k++)
                {
                    var id = PointIds.Of(c.Id, k);
                    if (id > afterId) yield return new RunPoint(id, c.Name, task, decoded.Iterations[k], decoded.Values[k], decoded.Times[k], c.Attempt);
                }
            }
            if (chunks.Count < ChunksPerRead) yield break;
            fromChunk = chunks[^1].Id + 1;
        }
    }

    /// <summary>At most <paramref name="limit"/> points after <paramref name="afterId"/>, in id order.</summary>
    public static async Task<List<RunPoint>> TakeAsync(DashDbContext db, long runId, long afterId, int limit, CancellationToken ct)
    {
        var points = new List<RunPoint>(Math.Min(limit, 1024));
        if (limit <= 0) return points;
        await foreach (var p in AfterAsync(db, runId, afterId, ct))
        {
            points.Add(p);
            if (points.Count == limit) break;
        }
        return points;
    }

    /// <summary>The id of the newest stored point of the run, 0 when it has none: where a live view starts following.</summary>
    public static async Task<long> LastIdAsync(DashDbContext db, long runId, CancellationToken ct)
    {
        var last = await (from c in db.MetricChunks
                          join s in db.MetricSeries on c.SeriesId equals s.Id
                          where s.RunId == runId
                          orderby c.Id descending
                          select new { c.Id, c.Count }).FirstOrDefaultAsync(ct);
        return last is null ? 0 : PointIds.Of(last.Id, last.Count - 1);
    }
}
