using ContinualDash.Training.Experiments;

namespace ContinualDash.Training.Strategies;

/// <summary>Turns a validated spec's strategy name and hyper-parameters into plugins for the training loop.</summary>
public static class StrategyFactory
{
    /// <summary>Plugins for <paramref name="spec"/>.Strategy; finetune needs none.</summary>
    public static IReadOnlyList<ITrainingPlugin> Create(ExperimentSpec spec, int featureSize)
    {
        var selection = spec.ReplaySelection == "reservoir" ? ReplaySelection.Reservoir : ReplaySelection.ClassBalanced;
        return spec.Strategy switch
        {
            "finetune" => [],
            "joint" => [new Joint()],
            "er" => [new ExperienceReplay(spec.MemorySize, featureSize, spec.ReplayBatchSize, spec.ReplayNewWeight, selection)],
            "agem" => [new AGem(spec.MemorySize, featureSize, spec.ReplayBatchSize, selection)],
            "ewc" => [new OnlineEwc(spec.EwcLambda, spec.EwcDecay)],
            "lwf" => [new LearningWithoutForgetting(spec.LwfAlpha, spec.LwfTemperature)],
            "si" => [new SynapticIntelligence(spec.SiLambda, spec.SiEpsilon)],
            _ => throw new ArgumentException($"unknown strategy '{spec.Strategy}'", nameof(spec)),
        };
    }
}
