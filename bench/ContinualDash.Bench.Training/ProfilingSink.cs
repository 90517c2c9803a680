using System.Diagnostics;
using ContinualDash.Training.Evaluation;

/// <summary>
/// Splits a run's wall time into training and evaluation without touching the trainer: the time since the
/// previous emitted event is charged to the kind of the event that ends it (a training step ends an update,
/// an evaluation ends a forward pass over one task's data).
/// </summary>
internal sealed class ProfilingSink : IMetricSink
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last;

    public TimeSpan Training { get; private set; }

    public TimeSpan SubsetEvaluation { get; private set; }

    public TimeSpan FullTestEvaluation { get; private set; }

    public void OnEvaluation(EvaluationResult result)
    {
        if (result.FullTestSet) FullTestEvaluation += Lap();
        else SubsetEvaluation += Lap();
    }

    public void OnTrainingStep(TrainingStepResult step) => Training += Lap();

    public void OnTaskBoundary(int task, int iteration) => Training += Lap();

    private TimeSpan Lap()
    {
        var now = _clock.Elapsed;
        var lap = now - _last;
        _last = now;
        return lap;
    }
}
