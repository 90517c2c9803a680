using System.Globalization;
using System.Threading.Channels;
using ContinualDash.Core.Tracking;
using ContinualDash.Training.Evaluation;
using ContinualDash.Worker.Commands;

namespace ContinualDash.Worker.Builtin;

/// <summary>
/// The trainer's sink on a worker: turns each evaluation, step and boundary into metric records and log
/// lines on a bounded channel, read by the job's async reporters. Called on the training thread, it blocks
/// there when the channel is full, so a slow server slows training instead of growing memory.
/// </summary>
internal sealed class TrainerEventSink(ChannelWriter<TrainerEvent> events, TimeProvider time, int progressEvery, CancellationToken ct) : IMetricSink
{
    /// <summary>Per-task accuracy on the continual-evaluation subsets: the A_k(t) of METRICS.md S1.</summary>
    public const string Accuracy = RunAccuracyLog.AccuracySeries;
    public const string EvalLoss = "eval_loss";
    /// <summary>Per-task accuracy on the full test set, evaluated at each boundary.</summary>
    public const string FullTestAccuracy = "accuracy_full_test";
    public const string Loss = "loss";
    public const string LearningRate = "learning_rate";

    private readonly long started = time.GetTimestamp();

    public void OnEvaluation(EvaluationResult result)
    {
        if (result.FullTestSet)
        {
            Point(FullTestAccuracy, result.Task, result.Iteration, result.Accuracy);
            return;
        }
        Point(Accuracy, result.Task, result.Iteration, result.Accuracy);
        Point(EvalLoss, result.Task, result.Iteration, result.Loss);
    }

    public void OnTrainingStep(TrainingStepResult step)
    {
        Point(Loss, null, step.Iteration, step.Loss);
        Point(LearningRate, null, step.Iteration, step.LearningRate);
        if (progressEvery > 0 && step.Iteration % progressEvery == 0)
        {
            var perSecond = step.Iteration / Math.Max(time.GetElapsedTime(started).TotalSeconds, 1e-9);
            Log(string.Create(CultureInfo.InvariantCulture,
                $"iteration {step.Iteration} task {step.Task} loss {step.Loss:F4} lr {step.LearningRate:G4} {perSecond:F1} it/s"));
        }
    }

    public void OnTaskBoundary(int task, int iteration)
    {
        Write(new TrainerEvent(new MetricRecord(null, task, iteration), null));
        Log(string.Create(CultureInfo.InvariantCulture, $"task {task} ended at iteration {iteration}"));
    }

    /// <summary>A log line from the job itself (not the trainer's metrics), in order with the rest.</summary>
    public void Log(string line) => Write(new TrainerEvent(null, line));

    private void Point(string name, int? task, long iteration, double value)
    {
        // A diverged model gives NaN losses; the server refuses non-finite values, so leave them out.
        if (double.IsFinite(value))
            Write(new TrainerEvent(new MetricRecord(new MetricPointInput(name, task, iteration, value)), null));
    }

    private void Write(TrainerEvent e)
    {
        if (events.TryWrite(e)) return;
        // Full channel on a dedicated thread: blocking is the back-pressure; a cancel ends the wait (and the training).
        events.WriteAsync(e, ct).AsTask().GetAwaiter().GetResult();
    }
}
