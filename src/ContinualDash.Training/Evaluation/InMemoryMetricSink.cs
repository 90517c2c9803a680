namespace ContinualDash.Training.Evaluation;

/// <summary>Keeps every emitted value in lists, in emission order.</summary>
public sealed class InMemoryMetricSink : IMetricSink
{
    private readonly List<EvaluationResult> _evaluations = [];
    private readonly List<TrainingStepResult> _steps = [];
    private readonly List<int> _boundaries = [];

    /// <summary>All evaluations (subset and full test set).</summary>
    public IReadOnlyList<EvaluationResult> Evaluations => _evaluations;

    /// <summary>All training steps.</summary>
    public IReadOnlyList<TrainingStepResult> Steps => _steps;

    /// <summary>b_0, b_1, ... in task order.</summary>
    public IReadOnlyList<int> TaskBoundaries => _boundaries;

    /// <inheritdoc />
    public void OnEvaluation(EvaluationResult result) => _evaluations.Add(result);

    /// <inheritdoc />
    public void OnTrainingStep(TrainingStepResult step) => _steps.Add(step);

    /// <inheritdoc />
    public void OnTaskBoundary(int task, int iteration)
    {
        if (task != _boundaries.Count)
            throw new InvalidOperationException($"boundary of task {task} reported after {_boundaries.Count} boundaries");
        _boundaries.Add(iteration);
    }
}
