using ContinualDash.Training.Benchmarks;
using ContinualDash.Training.Models;

namespace ContinualDash.Training.Evaluation;

/// <summary>
/// Decides what to evaluate when (METRICS.md S1/S2 numbering) and emits the results: every
/// <c>period</c> iterations and at every task boundary, each seen task on its fixed subset (optionally
/// future tasks too); at iteration 0 the untrained model if asked; at each boundary the full test sets.
/// </summary>
public sealed class ContinualEvaluation(TaskStream stream, IMetricSink sink, int period, bool futureTasks, int batchSize = 1000)
{
    private readonly TaskEvaluator _evaluator = new(batchSize);
    private int _lastEvaluated = -1;
    private StackedSubsets? _subsets;
    private (double Accuracy, double Loss)[] _results = [];

    /// <summary>True when the subset evaluation is due after update <paramref name="iteration"/>.</summary>
    public bool IsDue(int iteration) => period > 0 && iteration % period == 0;

    /// <summary>Evaluates the subsets of tasks 0..<paramref name="currentTask"/> (all tasks with future-task evaluation) at <paramref name="iteration"/>, once per iteration.</summary>
    public void EvaluateSubsets(Sequential model, int iteration, int currentTask)
    {
        if (iteration == _lastEvaluated)
            return;
        _lastEvaluated = iteration;
        var count = (futureTasks ? stream.Tasks.Count - 1 : currentTask) + 1;
        // The subsets are fixed for the whole run, so they are stacked once and the seen tasks are a prefix.
        _subsets ??= new StackedSubsets(stream.Tasks, batchSize);
        if (_results.Length < count)
            _results = new (double, double)[stream.Tasks.Count];
        _evaluator.EvaluateStacked(model, _subsets, count, _results);
        for (var i = 0; i < count; i++)
        {
            var (accuracy, loss) = _results[i];
            sink.OnEvaluation(new EvaluationResult(iteration, i, accuracy, loss, stream.Tasks[i].EvaluationSubset.Count, false));
        }
    }

    /// <summary>Evaluates every task's full test set (the paper's boundary evaluation) at <paramref name="iteration"/>.</summary>
    public void EvaluateFullTestSets(Sequential model, int iteration)
    {
        foreach (var task in stream.Tasks)
        {
            var (accuracy, loss) = _evaluator.Evaluate(model, task.Test, task.ClassMask);
            sink.OnEvaluation(new EvaluationResult(iteration, task.Id, accuracy, loss, task.Test.Count, true));
        }
    }
}
