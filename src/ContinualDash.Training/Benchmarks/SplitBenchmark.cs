using ContinualDash.Training.Data;

namespace ContinualDash.Training.Benchmarks;

/// <summary>
/// Split benchmarks: the classes are cut into consecutive groups, one task per group (Split-MNIST,
/// Split-Fashion-MNIST). Class-incremental uses one shared head; task-incremental masks the output layer to
/// the task's classes, which is exactly one head per task sharing the hidden layers.
/// </summary>
public static class SplitBenchmark
{
    /// <summary>
    /// Builds the stream. <paramref name="classOrder"/> fixes the order of classes (null: 0..C-1, or a seeded
    /// shuffle when <paramref name="shuffleClasses"/>); each task's evaluation subset is seeded from
    /// <paramref name="seed"/> and the task index.
    /// </summary>
    public static TaskStream Create(LabeledImages train, LabeledImages test, int taskCount, Scenario scenario,
        IReadOnlyList<int>? classOrder, bool shuffleClasses, int evaluationSubsetSize, int seed, string name = "split")
    {
        if (scenario == Scenario.DomainIncremental)
            throw new ArgumentException("a split benchmark is class- or task-incremental", nameof(scenario));
        var classCount = Math.Max(train.ClassCount, test.ClassCount);
        var order = classOrder?.ToArray() ?? Enumerable.Range(0, classCount).ToArray();
        if (classOrder is null && shuffleClasses)
            new Random(seed).Shuffle(order);
        if (order.Length != classCount || order.Distinct().Count() != classCount || order.Any(c => c < 0 || c >= classCount))
            throw new ArgumentException($"class order must be a permutation of 0..{classCount - 1}", nameof(classOrder));
        if (taskCount < 1 || classCount % taskCount != 0)
            throw new ArgumentException($"{classCount} classes cannot be split into {taskCount} equal tasks", nameof(taskCount));

        var perTask = classCount / taskCount;
        var tasks = new List<ContinualTask>();
        for (var t = 0; t < taskCount; t++)
        {
            var classes = order[(t * perTask)..((t + 1) * perTask)];
            var set = classes.ToHashSet();
            var mask = scenario == Scenario.TaskIncremental ? Enumerable.Range(0, classCount).Select(set.Contains).ToArray() : null;
            var taskTest = test.Select(Indices(test, set));
            tasks.Add(new ContinualTask(t, classes, mask, train.Select(Indices(train, set)),
                EvaluationSubset.Draw(taskTest, evaluationSubsetSize, new Random(unchecked(seed * 7919 + t + 1))), taskTest));
        }
        return new TaskStream(name, scenario, train.FeatureSize, classCount, tasks);
    }

    private static int[] Indices(LabeledImages data, HashSet<int> classes)
        => [.. Enumerable.Range(0, data.Count).Where(i => classes.Contains(data.Labels[i]))];
}
