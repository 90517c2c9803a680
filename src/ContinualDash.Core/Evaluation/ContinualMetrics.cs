using System.Runtime.InteropServices;

namespace ContinualDash.Core.Evaluation;

/// <summary>
/// Batch entry point of the metrics engine: an accuracy log in, every metric of METRICS.md S3 out. The log is
/// validated (S5 last row) and then fed, in iteration order, to an <see cref="IncrementalEvaluator"/>, so the
/// batch and live results are the same computation.
/// </summary>
public static class ContinualMetrics
{
    /// <summary>Computes the report of a complete log.</summary>
    /// <exception cref="MetricsInputException">The log is invalid; the message names the field.</exception>
    public static MetricsReport Compute(AccuracyLog log)
    {
        ReadOnlySpan<TaskAccuracy> evals = log.Evaluations switch
        {
            TaskAccuracy[] array => array,
            List<TaskAccuracy> list => CollectionsMarshal.AsSpan(list),
            var other => other.ToArray(),
        };
        var order = AccuracyLogValidator.Validate(log, evals);
        var boundaries = log.TaskBoundaries;
        var evaluator = new IncrementalEvaluator(boundaries.Count, log.Settings);
        var next = 0;
        for (var j = 0; j < evals.Length; j++)
        {
            var evaluation = evals[order is null ? j : order[j]];
            while (next < boundaries.Count && boundaries[next] < evaluation.Iteration)
                evaluator.AddBoundary(boundaries[next++]);
            evaluator.AddEvaluation(evaluation);
        }
        while (next < boundaries.Count) evaluator.AddBoundary(boundaries[next++]);
        return evaluator.Finish();
    }
}
