using ContinualDash.Training.Experiments;

namespace ContinualDash.Training.Tests.Experiments;

public sealed class ExperimentSpecValidatorTests
{
    [Fact]
    public void Validate_Defaults_AreValidPaperProtocol()
    {
        var spec = new ExperimentSpec { Strategy = "er" };

        Assert.Empty(spec.Validate());
        Assert.Equal((0.01, 0.9, 256, 10, 2000, 0.3), (spec.LearningRate, spec.Momentum, spec.BatchSize, spec.EpochsPerTask, spec.MemorySize, spec.ReplayNewWeight));
    }

    [Fact]
    public void Validate_BadFields_NamesEachField()
    {
        var spec = new ExperimentSpec { LearningRate = -1, BatchSize = 0, Strategy = "er", MemorySize = 0, Benchmark = "nope", ReplaySelection = "fifo" };

        var fields = spec.Validate().Select(e => e.Field).ToList();

        Assert.Equal(["benchmark", "learningRate", "batchSize", "memorySize", "replaySelection"], fields);
    }

    [Theory]
    [InlineData("split-fmnist", "domain", "scenario")]
    [InlineData("permuted-fmnist", "class", "scenario")]
    [InlineData("split-fmnist", null, null)]
    [InlineData("rotated-mnist", null, null)]
    public void Validate_ScenarioMustFitBenchmark(string benchmark, string? scenario, string? badField)
    {
        var errors = new ExperimentSpec { Benchmark = benchmark, Scenario = scenario }.Validate();

        Assert.Equal(badField is null ? [] : new[] { badField }, errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_UnknownStrategy_ListsKnownOnes()
    {
        var error = Assert.Single(new ExperimentSpec { Strategy = "magic" }.Validate());

        Assert.Equal("strategy", error.Field);
        Assert.Contains("finetune, joint, er", error.Message);
    }
}
