using ContinualDash.Core.Data;
using ContinualDash.Core.Points;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Testing;

/// <summary>What tests check after a write: every stored point, read the way the export reads it
/// (<see cref="RunPointReader"/>), run by run and in storage order within a run.</summary>
public static class StoredPoints
{
    /// <summary>Every point of <paramref name="runId"/>, or of every run when it is null.</summary>
    public static async Task<List<RunPoint>> AllAsync(DashDbContext db, long? runId = null)
    {
        var runs = runId is { } one ? [one] : await db.Runs.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
        var points = new List<RunPoint>();
        foreach (var run in runs)
            points.AddRange(await RunPointReader.TakeAsync(db, run, 0, int.MaxValue, CancellationToken.None));
        return points;
    }

    /// <summary>How many points the database holds (all runs).</summary>
    public static async Task<long> CountAsync(DashDbContext db) =>
        await db.MetricChunks.SumAsync(c => (long?)c.Count) ?? 0;
}
