using ContinualDash.Training.Experiments;

namespace ContinualDash.Web.Launch;

/// <summary>
/// The Launch form's experiment fields. Property names are the spec's field names in PascalCase, so a
/// <see cref="SpecError"/> lands next to its input. Initial values are neutral on purpose: a posted form starts
/// from them (an unticked checkbox posts nothing, an empty input maps to null), and a fresh form starts from <see cref="FromSpec"/>.
/// </summary>
public sealed class LaunchInput
{
    public string? Name { get; set; }
    public string? Benchmark { get; set; }
    /// <summary>Empty: the benchmark's natural scenario.</summary>
    public string? Scenario { get; set; }
    public int Tasks { get; set; }
    /// <summary>Comma- or space-separated class labels; empty keeps 0..C-1.</summary>
    public string? ClassOrder { get; set; }
    public bool ShuffleClasses { get; set; }
    /// <summary>Comma- or space-separated degrees, one per task; empty spreads them evenly.</summary>
    public string? Angles { get; set; }
    public string? HiddenSizes { get; set; }
    public string? Optimizer { get; set; }
    public double LearningRate { get; set; }
    public double Momentum { get; set; }
    public double WeightDecay { get; set; }
    public int BatchSize { get; set; }
    public int EpochsPerTask { get; set; }
    public int EvalPeriod { get; set; }
    public int EvalSubsetSize { get; set; }
    public bool EvalFutureTasks { get; set; }
    public bool EvalInitialModel { get; set; }
    public bool EvalFullTestSets { get; set; }
    public string? Strategy { get; set; }
    public int MemorySize { get; set; }
    public int ReplayBatchSize { get; set; }
    public double ReplayNewWeight { get; set; }
    public string? ReplaySelection { get; set; }
    public double EwcLambda { get; set; }
    public double EwcDecay { get; set; }
    public double LwfAlpha { get; set; }
    public double LwfTemperature { get; set; }
    public double SiLambda { get; set; }
    public double SiEpsilon { get; set; }
    /// <summary>"1, 2, 3": one run per seed.</summary>
    public string? Seeds { get; set; }
    public string? Labels { get; set; }

    /// <summary>The paper's ER protocol on Split-Fashion-MNIST (the spec's defaults with strategy ER), seeds 0 to 2.</summary>
    public static LaunchInput Default() =>
        FromSpec("ER on Split-Fashion-MNIST", new ExperimentSpec { Strategy = "er" }, [0, 1, 2], []);

    /// <summary>A form showing <paramref name="spec"/>, e.g. a run's stored config for "Clone".</summary>
    public static LaunchInput FromSpec(string name, ExperimentSpec spec, IReadOnlyList<int> seeds, IReadOnlyList<string> labels) => new()
    {
        Name = name, Benchmark = spec.Benchmark, Scenario = spec.Scenario ?? "", Tasks = spec.Tasks,
        ClassOrder = ListField.Format(spec.ClassOrder), ShuffleClasses = spec.ShuffleClasses, Angles = ListField.Format(spec.Angles),
        HiddenSizes = ListField.Format(spec.HiddenSizes), Optimizer = spec.Optimizer, LearningRate = spec.LearningRate,
        Momentum = spec.Momentum, WeightDecay = spec.WeightDecay, BatchSize = spec.BatchSize, EpochsPerTask = spec.EpochsPerTask,
        EvalPeriod = spec.EvalPeriod, EvalSubsetSize = spec.EvalSubsetSize, EvalFutureTasks = spec.EvalFutureTasks,
        EvalInitialModel = spec.EvalInitialModel, EvalFullTestSets = spec.EvalFullTestSets, Strategy = spec.Strategy,
        MemorySize = spec.MemorySize, ReplayBatchSize = spec.ReplayBatchSize, ReplayNewWeight = spec.ReplayNewWeight,
        ReplaySelection = spec.ReplaySelection, EwcLambda = spec.EwcLambda, EwcDecay = spec.EwcDecay, LwfAlpha = spec.LwfAlpha,
        LwfTemperature = spec.LwfTemperature, SiLambda = spec.SiLambda, SiEpsilon = spec.SiEpsilon,
        Seeds = ListField.Format(seeds), Labels = string.Join(", ", labels),
    };

    /// <summary>The launch these fields describe, and the list fields that did not parse (named like spec errors).</summary>
    public (ExperimentLaunch Launch, IReadOnlyList<SpecError> ParseErrors) ToLaunch()
    {
        var errors = new List<SpecError>();
        var classOrder = ListField.ParseInts(ClassOrder, "classOrder", errors);
        var angles = ListField.ParseDoubles(Angles, "angles", errors);
        var hidden = ListField.ParseInts(HiddenSizes, "hiddenSizes", errors);
        var seeds = ListField.ParseInts(Seeds, "seeds", errors);
        var spec = new ExperimentSpec
        {
            Benchmark = Benchmark?.Trim() ?? "", Scenario = string.IsNullOrWhiteSpace(Scenario) ? null : Scenario.Trim(), Tasks = Tasks,
            ClassOrder = classOrder is [] ? null : classOrder, ShuffleClasses = ShuffleClasses, Angles = angles is [] ? null : angles,
            HiddenSizes = hidden, Optimizer = Optimizer?.Trim() ?? "", LearningRate = LearningRate, Momentum = Momentum,
            WeightDecay = WeightDecay, BatchSize = BatchSize, EpochsPerTask = EpochsPerTask, EvalPeriod = EvalPeriod,
            EvalSubsetSize = EvalSubsetSize, EvalFutureTasks = EvalFutureTasks, EvalInitialModel = EvalInitialModel,
            EvalFullTestSets = EvalFullTestSets, Strategy = Strategy?.Trim() ?? "", MemorySize = MemorySize, ReplayBatchSize = ReplayBatchSize,
            ReplayNewWeight = ReplayNewWeight, ReplaySelection = ReplaySelection?.Trim() ?? "", EwcLambda = EwcLambda, EwcDecay = EwcDecay,
            LwfAlpha = LwfAlpha, LwfTemperature = LwfTemperature, SiLambda = SiLambda, SiEpsilon = SiEpsilon,
            Seed = seeds is [var first, ..] ? first : 0,
        };
        var labels = (Labels ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (new ExperimentLaunch(Name ?? "", spec, seeds, labels), errors);
    }
}
