using ContinualDash.Training.Strategies;

namespace ContinualDash.Training.Tests.Strategies;

public sealed class JointTests
{
    [Fact]
    public void BeforeTask_ThirdTask_TrainsOnUnionOfSeenTasks()
    {
        var context = StrategyTestContext.Create(task: 2);

        new Joint().BeforeTask(context);

        Assert.Equal(120, context.TrainingData.Count);
        Assert.Equal([0, 1, 2, 3, 4, 5], context.TrainingData.Labels.Distinct().Order());
        Assert.Equal(context.Stream.Tasks[1].Train.Image(3).ToArray(), context.TrainingData.Image(43).ToArray());
    }
}
