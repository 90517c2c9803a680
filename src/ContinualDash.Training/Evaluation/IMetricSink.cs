namespace ContinualDash.Training.Evaluation;

/// <summary>
/// Receives everything the trainer emits, in order. Implementations: <see cref="InMemoryMetricSink"/>
/// (tests, the JSON log), the command line's progress printer, and the worker's database writer.
/// Calls happen on the training thread; implementations must be quick or hand off.
/// </summary>
public interface IMetricSink
{
    /// <summary>One task evaluated at one iteration.</summary>
    void OnEvaluation(EvaluationResult result);

    /// <summary>One optimizer update done.</summary>
    void OnTrainingStep(TrainingStepResult step);

    /// <summary>Training on <paramref name="task"/> ended at <paramref name="iteration"/> (b_task in METRICS.md S1).</summary>
    void OnTaskBoundary(int task, int iteration);
}
