using ContinualDash.Training.Benchmarks;

namespace ContinualDash.Training.Tests.Strategies;

/// <summary>A tiny class-incremental stream: 5 tasks of 2 classes, 4x4 images, 20 training images per class.</summary>
internal static class StreamFixture
{
    public static TaskStream Split(Scenario scenario = Scenario.ClassIncremental, int evalSubset = 12)
        => SplitBenchmark.Create(TestImages.Create(20), TestImages.Create(10, seed: 3), 5, scenario, null, false, evalSubset, seed: 0);
}
