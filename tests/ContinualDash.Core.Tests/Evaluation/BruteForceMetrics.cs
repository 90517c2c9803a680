using ContinualDash.Core.Evaluation;

namespace ContinualDash.Core.Tests.Evaluation;

/// <summary>
/// Deliberately naive reference implementations of METRICS.md S3.5-S3.7, straight from the definitions
/// (all pairs, all earlier evaluations), to check the engine's incremental state against.
/// </summary>
internal sealed class BruteForceMetrics(AccuracyLog log)
{
    private readonly Dictionary<(int T, int Task), double> _acc =
        log.Evaluations.ToDictionary(e => (e.Iteration, e.Task), e => e.Accuracy);

    public int NumTasks => log.TaskBoundaries.Count;

    public int Current(int t)
    {
        var k = 0;
        while (t > log.TaskBoundaries[k]) k++;
        return k;
    }

    public double? Accuracy(int t, int task) => _acc.TryGetValue((t, task), out var a) ? a : null;

    /// <summary>m_i(t): minimum of A_i(s) for b_i &lt; s &lt;= t.</summary>
    public double? Minimum(int task, int t)
    {
        var values = log.Evaluations
            .Where(e => e.Task == task && e.Iteration > log.TaskBoundaries[task] && e.Iteration <= t)
            .Select(e => e.Accuracy).ToList();
        return values.Count == 0 ? null : values.Min();
    }

    public (double? Mean, int Count) MinAcc(int t)
    {
        var minima = Enumerable.Range(0, Current(t)).Select(i => Minimum(i, t)).Where(m => m.HasValue).Select(m => m!.Value).ToList();
        return (minima.Count == 0 ? null : minima.Average(), minima.Count);
    }

    /// <summary>The task's accuracies while seen, in iteration order.</summary>
    public List<double> SeenSequence(int task, int upTo = int.MaxValue) =>
        log.Evaluations.Where(e => e.Task == task && e.Iteration <= upTo && task <= Current(e.Iteration))
            .OrderBy(e => e.Iteration).Select(e => e.Accuracy).ToList();

    /// <summary>max(0, max over a &lt; b &lt;= a + w - 1 of sign * (A[a] - A[b])).</summary>
    public static double WindowedDelta(List<double> values, int window, bool decrease)
    {
        double best = 0;
        for (var a = 0; a < values.Count; a++)
        {
            for (var b = a + 1; b < values.Count && b - a <= window - 1; b++)
                best = Math.Max(best, decrease ? values[a] - values[b] : values[b] - values[a]);
        }
        return best;
    }

    /// <summary>
    /// Our own transcription of the pruned window scan that [C] runs after every evaluation (S3.7): start
    /// points below an earlier value of the window are skipped; the running maximum starts at 0.
    /// </summary>
    public static double CodeReplicaIncrease(List<double> values, int window)
    {
        double running = 0;
        for (var n = 0; n < values.Count; n++)
        {
            var w = values.Skip(Math.Max(0, n - window + 1)).Take(n - Math.Max(0, n - window + 1) + 1).ToList();
            if (w.Count <= 1) continue;
            var best = double.NegativeInfinity;
            var highest = double.NegativeInfinity;
            for (var i = 0; i < w.Count; i++)
            {
                if (w[i] < highest) continue;
                highest = w[i];
                for (var j = i + 1; j < w.Count; j++) best = Math.Max(best, w[j] - w[i]);
            }
            running = Math.Max(running, best);
        }
        return running;
    }
}
