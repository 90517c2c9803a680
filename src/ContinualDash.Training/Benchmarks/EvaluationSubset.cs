using ContinualDash.Training.Data;

namespace ContinualDash.Training.Benchmarks;

/// <summary>
/// Draws the fixed per-task evaluation subset. The paper's code draws a fresh subset every iteration, which
/// adds sampling noise to every curve; a fixed, seeded subset makes curves comparable across iterations and
/// runs (METRICS.md S8.6).
/// </summary>
internal static class EvaluationSubset
{
    /// <summary>min(size, test.Count) images of <paramref name="test"/> chosen without replacement, in ascending index order.</summary>
    public static LabeledImages Draw(LabeledImages test, int size, Random rng)
    {
        if (size >= test.Count)
            return test;
        var indices = Enumerable.Range(0, test.Count).ToArray();
        rng.Shuffle(indices);
        var chosen = indices[..size];
        Array.Sort(chosen);
        return test.Select(chosen);
    }
}
