using ContinualDash.Core.Data;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tracking;

/// <summary>
/// Records that training on a task ended at an iteration (b_k of METRICS.md S1). Boundaries must increase
/// with the task index: b_0 &lt; b_1 &lt; ...; recording the same boundary again is accepted (a retried
/// request), moving it is not. The run's final-metric columns are brought to the new last boundary in the
/// same transaction (<see cref="RunFinalMetrics"/>).
/// </summary>
public sealed class BoundaryRecorder(DashDbContext db, LiveRunMetrics live)
{
    /// <exception cref="TrackingException">Bad task or iteration, unknown or finished run; nothing stored.</exception>
    public async Task RecordAsync(long runId, int task, long iteration, CancellationToken ct)
    {
        if (task < 0) throw new TrackingException("task", "must be 0 or more");
        if (iteration < 0) throw new TrackingException("iteration", "must be 0 or more");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == runId, ct)
            ?? throw new TrackingException("runId", $"run {runId} does not exist");
        if (RunStatus.IsFinal(run.Status))
            throw new TrackingException("runId", $"run {runId} is {run.Status}: it takes no more data");

        var phases = await db.TaskPhases.Where(p => p.RunId == runId).ToListAsync(ct);
        var declared = phases.Count(p => p.Name != null);
        if (declared > 0 && task >= declared)
            throw new TrackingException("task", $"is {task}, but the run declared {declared} tasks (0 to {declared - 1})");

        var phase = phases.FirstOrDefault(p => p.TaskIndex == task);
        if (phase?.BoundaryIteration is { } existing)
        {
            if (existing == iteration) return;
            throw new TrackingException("iteration", $"task {task} already ended at iteration {existing}");
        }
        foreach (var other in phases.Where(p => p.BoundaryIteration is not null))
        {
            if (other.TaskIndex < task && other.BoundaryIteration >= iteration)
                throw new TrackingException("iteration",
                    $"is {iteration}, but task {other.TaskIndex} ended at {other.BoundaryIteration}: boundaries must increase with the task");
            if (other.TaskIndex > task && other.BoundaryIteration <= iteration)
                throw new TrackingException("iteration",
                    $"is {iteration}, but the later task {other.TaskIndex} ended at {other.BoundaryIteration}");
        }

        if (phase is null) db.TaskPhases.Add(new TaskPhase { RunId = runId, TaskIndex = task, BoundaryIteration = iteration });
        else phase.BoundaryIteration = iteration;
        await db.SaveChangesAsync(ct);
        await RunFinalMetrics.UpdateAsync(db, live, run, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
