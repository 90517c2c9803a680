using ContinualDash.Training.Benchmarks;
using ContinualDash.Training.Data;
using ContinualDash.Training.Evaluation;
using ContinualDash.Training.Models;
using ContinualDash.Training.Optimization;
using ContinualDash.Training.Strategies;

namespace ContinualDash.Training.Experiments;

/// <summary>Builds the task stream, model, optimiser and strategy of a spec and runs the training loop.</summary>
public static class ExperimentRunner
{
    /// <summary>Builds the task stream of <paramref name="spec"/> from loaded train and test splits.</summary>
    public static TaskStream BuildStream(ExperimentSpec spec, LabeledImages train, LabeledImages test)
    {
        var kind = ExperimentSpecValidator.BenchmarkKind(spec.Benchmark);
        return kind switch
        {
            "split" => SplitBenchmark.Create(train, test, spec.Tasks,
                ExperimentSpecValidator.ScenarioOf(spec) == "task" ? Scenario.TaskIncremental : Scenario.ClassIncremental,
                spec.ClassOrder, spec.ShuffleClasses, spec.EvalSubsetSize, spec.Seed, spec.Benchmark),
            "permuted" => DomainBenchmark.Permuted(train, test, spec.Tasks, spec.EvalSubsetSize, spec.Seed, spec.Benchmark),
            "rotated" => DomainBenchmark.Rotated(train, test, spec.Angles ?? DomainBenchmark.DefaultAngles(spec.Tasks), spec.EvalSubsetSize, spec.Seed, spec.Benchmark),
            _ => throw new ArgumentException($"unknown benchmark '{spec.Benchmark}'", nameof(spec)),
        };
    }

    /// <summary>The MLP of the spec, initialised from its seed.</summary>
    public static Sequential BuildModel(ExperimentSpec spec, TaskStream stream)
        => MlpBuilder.Create([stream.FeatureSize, .. spec.HiddenSizes, stream.ClassCount], spec.Seed);

    /// <summary>Runs a validated spec on already-loaded data; returns the number of updates done.</summary>
    public static int Run(ExperimentSpec spec, LabeledImages train, LabeledImages test, IMetricSink sink, CancellationToken cancellationToken = default)
    {
        var errors = spec.Validate();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")), nameof(spec));
        var stream = BuildStream(spec, train, test);
        var model = BuildModel(spec, stream);
        IOptimizer optimizer = spec.Optimizer == "adam"
            ? new Adam(model.Parameters, spec.LearningRate, weightDecay: spec.WeightDecay)
            : new Sgd(model.Parameters, spec.LearningRate, spec.Momentum, spec.WeightDecay);
        var settings = new TrainerSettings(spec.EpochsPerTask, spec.BatchSize, spec.EvalPeriod, spec.EvalFutureTasks,
            spec.EvalInitialModel, spec.EvalFullTestSets, Seed: spec.Seed);
        var trainer = new ContinualTrainer(settings, StrategyFactory.Create(spec, stream.FeatureSize), sink);
        return trainer.Run(stream, model, optimizer, cancellationToken);
    }
}
