using ContinualDash.Training.Data;

namespace ContinualDash.Training.Benchmarks;

/// <summary>
/// One experience of a task stream: its training data, a fixed evaluation subset (drawn once, seeded,
/// from its test data) for continual evaluation, and its full test data for the boundary evaluations.
/// </summary>
/// <param name="Id">Task index, 0-based (METRICS.md S1).</param>
/// <param name="Classes">Classes present in the task.</param>
/// <param name="ClassMask">For task-incremental streams, the outputs of this task's head; null means all outputs.</param>
public sealed record ContinualTask(
    int Id,
    IReadOnlyList<int> Classes,
    bool[]? ClassMask,
    LabeledImages Train,
    LabeledImages EvaluationSubset,
    LabeledImages Test);
