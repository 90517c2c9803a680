using ContinualDash.Training.Strategies;

namespace ContinualDash.Training.Tests.Strategies;

public sealed class ReplayMemoryTests
{
    [Fact]
    public void RefillBalanced_AfterEachTask_StaysBoundedAndClassBalanced()
    {
        var data = TestImages.Create(50, classes: 6);
        var memory = new ReplayMemory(capacity: 60, featureSize: data.FeatureSize);
        var rng = new Random(1);

        memory.RefillBalanced(data.Select([.. Enumerable.Range(0, data.Count).Where(i => data.Labels[i] < 2)]), task: 0, rng);
        Assert.Equal(new Dictionary<int, int> { [0] = 30, [1] = 30 }, memory.ClassCounts());

        memory.RefillBalanced(data.Select([.. Enumerable.Range(0, data.Count).Where(i => data.Labels[i] is 2 or 3)]), task: 1, rng);
        Assert.Equal(60, memory.Count);
        Assert.All(memory.ClassCounts().Values, n => Assert.Equal(15, n));
        Assert.Equal(1, memory.Task(memory.Count - 1));

        memory.RefillBalanced(data.Select([.. Enumerable.Range(0, data.Count).Where(i => data.Labels[i] is 4 or 5)]), task: 2, rng);
        Assert.Equal(60, memory.Count);
        Assert.All(memory.ClassCounts().Values, n => Assert.Equal(10, n));
    }

    [Fact]
    public void AddReservoir_ManySamples_NeverExceedsCapacity()
    {
        var data = TestImages.Create(100);
        var memory = new ReplayMemory(capacity: 50, featureSize: data.FeatureSize);
        var rng = new Random(2);

        for (var i = 0; i < data.Count; i++)
            memory.AddReservoir(data.Image(i), data.Labels[i], 0, rng);

        Assert.Equal(50, memory.Count);
        Assert.True(memory.ClassCounts().Count >= 8, "a uniform sample of 1000 over 10 classes covers most classes");
    }
}
