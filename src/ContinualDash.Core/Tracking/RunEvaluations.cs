using ContinualDash.Core.Data;
using ContinualDash.Core.Points;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tracking;

/// <summary>One stored point of a run's per-task <c>accuracy</c> series: A_task(iteration) of METRICS.md S1.</summary>
/// <param name="Iteration">t.</param>
/// <param name="Task">The task evaluated.</param>
/// <param name="Id">The point's id (<see cref="PointIds"/>): storage order, which breaks ties.</param>
/// <param name="Accuracy">A fraction, as stored (the engine checks it).</param>
public readonly record struct StoredEvaluation(long Iteration, int Task, long Id, double Accuracy);

/// <summary>Reads the evaluations of a run from its chunks, for the batch log and for the live metrics.</summary>
public static class RunEvaluations
{
    /// <summary>The series whose per-task points are the evaluations A_k(t).</summary>
    public const string AccuracySeries = "accuracy";

    /// <summary>
    /// The run's evaluations stored in chunks after <paramref name="afterChunk"/> (0 for all), ordered by
    /// iteration, then task, then storage order; and the largest chunk id read (or <paramref name="afterChunk"/>).
    /// </summary>
    public static async Task<(List<StoredEvaluation> Evaluations, long LastChunk)> ReadAsync(
        DashDbContext db, long runId, long afterChunk, CancellationToken ct)
    {
        var chunks = await (from c in db.MetricChunks.AsNoTracking()
                            join s in db.MetricSeries on c.SeriesId equals s.Id
                            where s.RunId == runId && s.Name == AccuracySeries && s.TaskKey >= 0 && c.Id > afterChunk
                            select new { c.Id, c.Count, c.Points, s.TaskKey }).ToListAsync(ct);
        var evals = new List<StoredEvaluation>(chunks.Sum(c => c.Count));
        var last = afterChunk;
        foreach (var c in chunks)
        {
            var decoded = PointChunkCodec.Decode(c.Points, c.Count);
            for (var k = 0; k < decoded.Count; k++)
                evals.Add(new StoredEvaluation(decoded.Iterations[k], c.TaskKey, PointIds.Of(c.Id, k), decoded.Values[k]));
            last = Math.Max(last, c.Id);
        }
        evals.Sort(static (a, b) => (a.Iteration, a.Task, a.Id).CompareTo((b.Iteration, b.Task, b.Id)));
        return (evals, last);
    }
}
