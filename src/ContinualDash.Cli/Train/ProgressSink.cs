using System.Globalization;
using ContinualDash.Training.Evaluation;

namespace ContinualDash.Cli.Train;

/// <summary>Forwards everything to the recording sink and prints a progress line to stderr every N iterations.</summary>
internal sealed class ProgressSink(IMetricSink inner, TextWriter stderr, int every, TimeProvider time) : IMetricSink
{
    private readonly long _start = time.GetTimestamp();

    public void OnEvaluation(EvaluationResult result) => inner.OnEvaluation(result);

    public void OnTaskBoundary(int task, int iteration)
    {
        inner.OnTaskBoundary(task, iteration);
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"task {task} ended at iteration {iteration}"));
    }

    public void OnTrainingStep(TrainingStepResult step)
    {
        inner.OnTrainingStep(step);
        if (every <= 0 || step.Iteration % every != 0)
            return;
        var seconds = time.GetElapsedTime(_start).TotalSeconds;
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"iteration {step.Iteration} task {step.Task} loss {step.Loss:F4} lr {step.LearningRate:G4} {step.Iteration / Math.Max(seconds, 1e-9):F1} it/s"));
    }
}
