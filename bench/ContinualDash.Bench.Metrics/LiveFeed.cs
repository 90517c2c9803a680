using ContinualDash.Core.Evaluation;

namespace ContinualDash.Bench.Metrics;

/// <summary>Feeds a log to an <see cref="IncrementalEvaluator"/> as a live run would: a boundary is announced once an iteration after it arrives.</summary>
internal sealed class LiveFeed(AccuracyLog log)
{
    private int _nextBoundary;

    public IncrementalEvaluator Evaluator { get; } = new(log.TaskBoundaries.Count, log.Settings);

    /// <summary>Announces the boundaries that end before <paramref name="iteration"/>.</summary>
    public void Before(int iteration)
    {
        while (_nextBoundary < log.TaskBoundaries.Count && log.TaskBoundaries[_nextBoundary] < iteration)
            Evaluator.AddBoundary(log.TaskBoundaries[_nextBoundary++]);
    }

    /// <summary>Feeds the first <paramref name="count"/> evaluations (all by default).</summary>
    public LiveFeed Feed(int count = int.MaxValue)
    {
        var evals = log.Evaluations;
        for (var j = 0; j < Math.Min(count, evals.Count); j++)
        {
            Before(evals[j].Iteration);
            Evaluator.AddEvaluation(evals[j]);
        }
        return this;
    }

    /// <summary>Announces the remaining boundaries: the run has ended.</summary>
    public IncrementalEvaluator End()
    {
        Before(int.MaxValue);
        return Evaluator;
    }
}
