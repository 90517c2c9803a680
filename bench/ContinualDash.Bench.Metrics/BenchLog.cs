using ContinualDash.Core.Evaluation;

namespace ContinualDash.Bench.Metrics;

/// <summary>
/// The log of the issue: T tasks of equal length, every seen task evaluated at every iteration, with a
/// stability-gap shape (drop after each boundary, then recovery) plus seeded noise.
/// </summary>
internal static class BenchLog
{
    public static AccuracyLog Create(int numTasks, int iterations, int window, int seed = 1)
    {
        var random = new Random(seed);
        var perTask = iterations / numTasks;
        var boundaries = Enumerable.Range(1, numTasks).Select(k => k * perTask - 1).ToArray();
        var evals = new List<TaskAccuracy>();
        var current = 0;
        for (var t = 0; t < iterations; t++)
        {
            while (t > boundaries[current]) current++;
            var sinceSwitch = t - (current == 0 ? 0 : boundaries[current - 1]);
            for (var i = 0; i <= current; i++) evals.Add(new TaskAccuracy(t, i, Accuracy(random, i, current, sinceSwitch)));
        }
        return new AccuracyLog(boundaries, evals, new MetricsSettings(Window: window));
    }

    /// <summary>A_task while training <paramref name="current"/>, <paramref name="sinceSwitch"/> iterations after its start.</summary>
    public static double Accuracy(Random random, int task, int current, long sinceSwitch)
    {
        var learned = task == current ? 1 - Math.Exp(-sinceSwitch / 200.0) : 0.9;
        var gap = task < current ? 0.4 * Math.Exp(-sinceSwitch / 50.0) : 0;
        var noise = (random.NextDouble() - 0.5) * 0.02;
        return Math.Clamp(0.1 + 0.8 * learned - gap + noise, 0, 1);
    }
}
