using ContinualDash.Training.Evaluation;
using ContinualDash.Training.Experiments;
using ContinualDash.Training.Models;
using ContinualDash.Training.Optimization;
using ContinualDash.Training.Strategies;

namespace ContinualDash.Training.Tests.Strategies;

public sealed class StrategyFactoryTests
{
    [Theory]
    [InlineData("finetune")]
    [InlineData("joint")]
    [InlineData("er")]
    [InlineData("agem")]
    [InlineData("ewc")]
    [InlineData("lwf")]
    [InlineData("si")]
    public void Create_EveryStrategy_RunsOnTheLoopDeterministically(string strategy)
    {
        var spec = new ExperimentSpec { Strategy = strategy, MemorySize = 20, ReplayBatchSize = 8 };
        Assert.Empty(spec.Validate());

        var a = Run(spec);
        var b = Run(spec);

        Assert.Equal(a.Steps, b.Steps);
        Assert.Equal(a.Evaluations, b.Evaluations);
        Assert.All(a.Steps, s => Assert.True(double.IsFinite(s.Loss)));
        Assert.Equal(5, a.TaskBoundaries.Count);
    }

    private static InMemoryMetricSink Run(ExperimentSpec spec)
    {
        var stream = StreamFixture.Split();
        var model = MlpBuilder.Create([16, 12, 10], 0);
        var sink = new InMemoryMetricSink();
        var trainer = new ContinualTrainer(new TrainerSettings(Epochs: 1, BatchSize: 8), StrategyFactory.Create(spec, stream.FeatureSize), sink);
        trainer.Run(stream, model, new Sgd(model.Parameters, 0.05, 0.9));
        return sink;
    }
}
