using ContinualDash.Training.Models;
using ContinualDash.Training.Optimization;
using ContinualDash.Training.Strategies;

namespace ContinualDash.Training.Tests.Strategies;

public sealed class ExperienceReplayTests
{
    [Fact]
    public void BeforeForward_WithMemory_AppendsReplayAndWeights03And07()
    {
        var stream = StreamFixture.Split();
        var model = MlpBuilder.Create([16, 8, 10], 0);
        var context = new TrainingContext(model, new Sgd(model.Parameters, 0.1), stream, new Random(1)) { Task = stream.Tasks[1] };
        var er = new ExperienceReplay(memorySize: 20, stream.FeatureSize, replayBatchSize: 8);
        er.Memory.RefillBalanced(stream.Tasks[0].Train, 0, new Random(1));
        context.Batch.Clear(stream.FeatureSize);
        for (var i = 0; i < 4; i++) context.Batch.Add(stream.Tasks[1].Train, i, 0.25f, null);

        er.BeforeForward(context);

        Assert.Equal(12, context.Batch.Count);
        Assert.All(context.Batch.Weights[..4].ToArray(), w => Assert.Equal(0.3f / 4, w, 6));
        Assert.All(context.Batch.Weights[4..].ToArray(), w => Assert.Equal(0.7f / 8, w, 6));
        Assert.All(context.Batch.Labels[4..].ToArray(), l => Assert.Contains(l, new[] { 0, 1 }));
        Assert.Equal(1.0, context.Batch.Weights.ToArray().Sum(w => (double)w), 5);
    }

    [Fact]
    public void BeforeForward_EmptyMemory_LeavesBatchAsIs()
    {
        var stream = StreamFixture.Split();
        var model = MlpBuilder.Create([16, 10], 0);
        var context = new TrainingContext(model, new Sgd(model.Parameters, 0.1), stream, new Random(1));
        context.Batch.Clear(stream.FeatureSize);
        context.Batch.Add(stream.Tasks[0].Train, 0, 1f, null);

        new ExperienceReplay(10, stream.FeatureSize).BeforeForward(context);

        Assert.Equal(1, context.Batch.Count);
        Assert.Equal(1f, context.Batch.Weights[0]);
    }
}
