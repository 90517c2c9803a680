namespace ContinualDash.Core.Runs;

/// <summary>
/// A task of a run's stream. <see cref="BoundaryIteration"/> is b_k of METRICS.md S1: the iteration at
/// which training on this task ended; null while the task has not ended.
/// </summary>
public sealed class TaskPhase
{
    public long RunId { get; set; }
    /// <summary>0-based task index (METRICS.md S1).</summary>
    public int TaskIndex { get; set; }
    /// <summary>Set for the tasks a run declared when it was created (a default "Task k" when none was
    /// given), so the declared count is the number of named phases; null for a task known only from its
    /// boundary.</summary>
    public string? Name { get; set; }
    public long? BoundaryIteration { get; set; }
}
