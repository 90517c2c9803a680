using ContinualDash.Training.Data;

namespace ContinualDash.Training.Benchmarks;

/// <summary>
/// Domain-incremental streams: every task has all classes, each task transforms the inputs differently
/// (Permuted-MNIST: a fixed seeded pixel permutation per task; Rotated-MNIST: a rotation per task).
/// </summary>
public static class DomainBenchmark
{
    /// <summary>One seeded pixel permutation per task (task seeds derive from <paramref name="seed"/> and the task index).</summary>
    public static TaskStream Permuted(LabeledImages train, LabeledImages test, int taskCount, int evaluationSubsetSize, int seed, string name = "permuted")
        => Create(train, test, taskCount, evaluationSubsetSize, seed, name, t =>
        {
            var permutation = Enumerable.Range(0, train.FeatureSize).ToArray();
            new Random(unchecked(seed * 7919 + t + 1000)).Shuffle(permutation);
            return (source, destination) =>
            {
                for (var p = 0; p < permutation.Length; p++) destination[p] = source[permutation[p]];
            };
        });

    /// <summary>Task t rotates every image by <paramref name="anglesDegrees"/>[t] about its centre (bilinear, zero outside).</summary>
    public static TaskStream Rotated(LabeledImages train, LabeledImages test, IReadOnlyList<double> anglesDegrees, int evaluationSubsetSize, int seed, string name = "rotated")
        => Create(train, test, anglesDegrees.Count, evaluationSubsetSize, seed, name,
            t => (source, destination) => ImageRotation.Rotate(source, destination, train.Height, train.Width, anglesDegrees[t]));

    /// <summary>Evenly spread angles over [0, 180): 0, 180/n, 2·180/n, ...</summary>
    public static IReadOnlyList<double> DefaultAngles(int taskCount) => [.. Enumerable.Range(0, taskCount).Select(t => 180.0 * t / taskCount)];

    private delegate void Transform(ReadOnlySpan<float> source, Span<float> destination);

    private static TaskStream Create(LabeledImages train, LabeledImages test, int taskCount, int evaluationSubsetSize, int seed, string name, Func<int, Transform> transformOf)
    {
        if (taskCount < 1)
            throw new ArgumentOutOfRangeException(nameof(taskCount), "needs at least one task");
        var classes = Enumerable.Range(0, Math.Max(train.ClassCount, test.ClassCount)).ToArray();
        var tasks = new List<ContinualTask>();
        for (var t = 0; t < taskCount; t++)
        {
            var transform = transformOf(t);
            var taskTest = Apply(test, transform);
            tasks.Add(new ContinualTask(t, classes, null, Apply(train, transform),
                EvaluationSubset.Draw(taskTest, evaluationSubsetSize, new Random(unchecked(seed * 7919 + t + 1))), taskTest));
        }
        return new TaskStream(name, Scenario.DomainIncremental, train.FeatureSize, classes.Length, tasks);
    }

    private static LabeledImages Apply(LabeledImages data, Transform transform)
    {
        var size = data.FeatureSize;
        var features = new float[data.Features.Length];
        for (var i = 0; i < data.Count; i++)
            transform(data.Image(i), features.AsSpan(i * size, size));
        return new LabeledImages(features, data.Labels, data.Height, data.Width);
    }
}
