using ContinualDash.Core.Evaluation;

namespace ContinualDash.Core.Tests.Evaluation;

/// <summary>
/// Seeded random accuracy logs for property tests: 1-5 tasks, gaps in the evaluation schedule, future-task
/// evaluations, and accuracies on a 0.05 grid so that ties (earliest arg-min) happen often.
/// </summary>
internal static class RandomLogs
{
    public static IEnumerable<AccuracyLog> Generate(int seed, int count)
    {
        var random = new Random(seed);
        for (var n = 0; n < count; n++) yield return One(random);
    }

    private static AccuracyLog One(Random random)
    {
        var numTasks = random.Next(1, 6);
        var boundaries = new int[numTasks];
        var b = random.Next(0, 4);
        for (var k = 0; k < numTasks; k++)
        {
            boundaries[k] = b;
            b += random.Next(1, 8);
        }
        var evalProbability = random.NextDouble() < 0.3 ? 0.6 : 1.0;
        var evals = new List<TaskAccuracy>();
        var current = 0;
        for (var t = 0; t <= boundaries[^1]; t++)
        {
            while (t > boundaries[current]) current++;
            for (var i = 0; i < numTasks; i++)
            {
                var p = i <= current ? evalProbability : 0.15;
                if (random.NextDouble() < p) evals.Add(new TaskAccuracy(t, i, random.Next(0, 21) / 20.0));
            }
        }
        double?[]? randomInit = random.NextDouble() < 0.5
            ? Enumerable.Range(0, numTasks).Select(_ => random.NextDouble() < 0.8 ? random.Next(0, 11) / 20.0 : (double?)null).ToArray()
            : null;
        double?[]? sizes = random.NextDouble() < 0.5
            ? Enumerable.Range(0, numTasks).Select(_ => (double?)random.Next(1, 1000)).ToArray()
            : null;
        double?[]? reference = random.NextDouble() < 0.3
            ? Enumerable.Range(0, numTasks).Select(_ => (double?)(random.Next(10, 21) / 20.0)).ToArray()
            : null;
        return new AccuracyLog(boundaries, evals, new MetricsSettings(random.Next(1, 7), randomInit, sizes, reference));
    }
}
