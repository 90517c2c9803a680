using ContinualDash.Core.Data;
using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tracking;

/// <summary>What a metric write needs to know about its run: the attempt that writes and the declared task
/// count (null when the run declared none), loaded only for a run that still takes data.</summary>
public sealed record WritableRun(long Id, int Attempt, int? DeclaredTasks)
{
    /// <exception cref="TrackingException">Unknown or finished run (field <c>runId</c>).</exception>
    public static async Task<WritableRun> LoadAsync(DashDbContext db, long runId, CancellationToken ct)
    {
        // One query per batch: the declared task count rides along with the run's state.
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new { r.Status, r.Attempt, Declared = db.TaskPhases.Count(p => p.RunId == r.Id && p.Name != null) })
            .FirstOrDefaultAsync(ct)
            ?? throw new TrackingException("runId", $"run {runId} does not exist");
        if (RunStatus.IsFinal(run.Status))
            throw new TrackingException("runId", $"run {runId} is {run.Status}: it takes no more data");
        return new WritableRun(runId, run.Attempt, run.Declared > 0 ? run.Declared : null);
    }
}
