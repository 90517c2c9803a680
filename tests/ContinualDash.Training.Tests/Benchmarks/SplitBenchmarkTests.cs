using ContinualDash.Training.Benchmarks;

namespace ContinualDash.Training.Tests.Benchmarks;

public sealed class SplitBenchmarkTests
{
    private static readonly ContinualDash.Training.Data.LabeledImages Train = TestImages.Create(20);
    private static readonly ContinualDash.Training.Data.LabeledImages Test = TestImages.Create(30, seed: 2);

    [Fact]
    public void Create_ClassIncremental_FiveTasksOfTwoClassesInOrder()
    {
        var stream = SplitBenchmark.Create(Train, Test, 5, Scenario.ClassIncremental, null, false, 25, seed: 0);

        Assert.Equal(5, stream.Tasks.Count);
        for (var t = 0; t < 5; t++)
        {
            var task = stream.Tasks[t];
            Assert.Equal([2 * t, 2 * t + 1], task.Classes);
            Assert.Null(task.ClassMask);
            Assert.All(task.Train.Labels, l => Assert.Contains(l, task.Classes));
            Assert.Equal(40, task.Train.Count);
            Assert.Equal(60, task.Test.Count);
            Assert.Equal(25, task.EvaluationSubset.Count);
            Assert.All(task.EvaluationSubset.Labels, l => Assert.Contains(l, task.Classes));
        }
    }

    [Fact]
    public void Create_TaskIncremental_MasksOutputsToTaskClasses()
    {
        var stream = SplitBenchmark.Create(Train, Test, 5, Scenario.TaskIncremental, [9, 8, 7, 6, 5, 4, 3, 2, 1, 0], false, 10, seed: 0);

        var mask = stream.Tasks[1].ClassMask!;
        Assert.Equal([7, 6], stream.Tasks[1].Classes);
        Assert.Equal([6, 7], Enumerable.Range(0, 10).Where(c => mask[c]));
    }

    [Fact]
    public void Create_SameSeed_SameShuffledOrderAndSubsets()
    {
        var a = SplitBenchmark.Create(Train, Test, 5, Scenario.ClassIncremental, null, true, 10, seed: 7);
        var b = SplitBenchmark.Create(Train, Test, 5, Scenario.ClassIncremental, null, true, 10, seed: 7);
        var c = SplitBenchmark.Create(Train, Test, 5, Scenario.ClassIncremental, null, true, 10, seed: 8);

        Assert.Equal(a.Tasks.SelectMany(t => t.Classes), b.Tasks.SelectMany(t => t.Classes));
        Assert.Equal(a.Tasks[0].EvaluationSubset.Features, b.Tasks[0].EvaluationSubset.Features);
        Assert.NotEqual(a.Tasks.SelectMany(t => t.Classes), c.Tasks.SelectMany(t => t.Classes));
    }

    [Theory]
    [InlineData(3, null)]
    [InlineData(5, new[] { 0, 0, 1, 2, 3, 4, 5, 6, 7, 8 })]
    public void Create_InvalidSplit_Throws(int tasks, int[]? order)
    {
        Assert.Throws<ArgumentException>(() => SplitBenchmark.Create(Train, Test, tasks, Scenario.ClassIncremental, order, false, 10, 0));
    }
}
