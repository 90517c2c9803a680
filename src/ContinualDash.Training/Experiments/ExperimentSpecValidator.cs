namespace ContinualDash.Training.Experiments;

/// <summary>Checks an <see cref="ExperimentSpec"/> and reports every invalid field with a readable message.</summary>
public static class ExperimentSpecValidator
{
    /// <summary>Known strategy names.</summary>
    public static readonly IReadOnlyList<string> Strategies = ["finetune", "joint", "er", "agem", "ewc", "lwf", "si"];

    /// <summary>Known benchmark kinds (the part before an optional "-dataset" suffix).</summary>
    public static readonly IReadOnlyList<string> BenchmarkKinds = ["split", "permuted", "rotated"];

    /// <summary>Every problem found; empty when the spec can run.</summary>
    public static IReadOnlyList<SpecError> Validate(this ExperimentSpec spec)
    {
        var errors = new List<SpecError>();
        void Check(bool ok, string field, string message)
        {
            if (!ok) errors.Add(new SpecError(field, message));
        }

        var kind = BenchmarkKind(spec.Benchmark);
        Check(BenchmarkKinds.Contains(kind), "benchmark", $"must be one of {string.Join(", ", BenchmarkKinds)} (optionally with a suffix such as -fmnist), got '{spec.Benchmark}'");
        var scenario = ScenarioOf(spec);
        Check(scenario is "class" or "task" or "domain", "scenario", $"must be class, task or domain, got '{spec.Scenario}'");
        if (kind == "split")
            Check(scenario is "class" or "task", "scenario", "a split benchmark is class- or task-incremental");
        else if (BenchmarkKinds.Contains(kind))
            Check(scenario == "domain", "scenario", $"a {kind} benchmark is domain-incremental");
        Check(spec.Tasks is >= 1 and <= 100, "tasks", $"must be between 1 and 100, got {spec.Tasks}");
        if (spec.ClassOrder is { } order)
            Check(order.Distinct().Count() == order.Count && order.All(c => c >= 0) && kind == "split", "classOrder",
                "must list distinct non-negative class labels, for a split benchmark only");
        if (spec.Angles is { } angles)
            Check(kind == "rotated" && angles.Count == spec.Tasks && angles.All(double.IsFinite), "angles", "needs one finite angle per task, for a rotated benchmark only");
        Check(!string.IsNullOrWhiteSpace(spec.DataDirectory), "dataDirectory", "must not be empty");
        Check(spec.HiddenSizes.Count <= 10 && spec.HiddenSizes.All(h => h is >= 1 and <= 16384), "hiddenSizes", "needs at most 10 widths between 1 and 16384");
        Check(spec.Optimizer is "sgd" or "adam", "optimizer", $"must be sgd or adam, got '{spec.Optimizer}'");
        Check(spec.LearningRate > 0 && double.IsFinite(spec.LearningRate), "learningRate", $"must be a positive number, got {spec.LearningRate}");
        Check(spec.Momentum is >= 0 and < 1, "momentum", $"must be in [0, 1), got {spec.Momentum}");
        Check(spec.WeightDecay >= 0 && double.IsFinite(spec.WeightDecay), "weightDecay", $"must be >= 0, got {spec.WeightDecay}");
        Check(spec.BatchSize is >= 1 and <= 65536, "batchSize", $"must be between 1 and 65536, got {spec.BatchSize}");
        Check(spec.EpochsPerTask is >= 1 and <= 10000, "epochsPerTask", $"must be between 1 and 10000, got {spec.EpochsPerTask}");
        Check(spec.EvalPeriod >= 1, "evalPeriod", $"must be >= 1, got {spec.EvalPeriod}");
        Check(spec.EvalSubsetSize >= 1, "evalSubsetSize", $"must be >= 1, got {spec.EvalSubsetSize}");
        Check(Strategies.Contains(spec.Strategy), "strategy", $"must be one of {string.Join(", ", Strategies)}, got '{spec.Strategy}'");
        if (spec.Strategy is "er" or "agem")
        {
            Check(spec.MemorySize >= 1, "memorySize", $"must be >= 1, got {spec.MemorySize}");
            Check(spec.ReplayBatchSize >= 1, "replayBatchSize", $"must be >= 1, got {spec.ReplayBatchSize}");
            Check(spec.ReplaySelection is "class-balanced" or "reservoir", "replaySelection", $"must be class-balanced or reservoir, got '{spec.ReplaySelection}'");
        }
        if (spec.Strategy == "er")
            Check(spec.ReplayNewWeight is >= 0 and <= 1, "replayNewWeight", $"must be in [0, 1], got {spec.ReplayNewWeight}");
        if (spec.Strategy == "ewc")
        {
            Check(spec.EwcLambda >= 0 && double.IsFinite(spec.EwcLambda), "ewcLambda", $"must be >= 0, got {spec.EwcLambda}");
            Check(spec.EwcDecay is >= 0 and <= 1, "ewcDecay", $"must be in [0, 1], got {spec.EwcDecay}");
        }
        if (spec.Strategy == "lwf")
        {
            Check(spec.LwfAlpha >= 0 && double.IsFinite(spec.LwfAlpha), "lwfAlpha", $"must be >= 0, got {spec.LwfAlpha}");
            Check(spec.LwfTemperature > 0 && double.IsFinite(spec.LwfTemperature), "lwfTemperature", $"must be > 0, got {spec.LwfTemperature}");
        }
        if (spec.Strategy == "si")
        {
            Check(spec.SiLambda >= 0 && double.IsFinite(spec.SiLambda), "siLambda", $"must be >= 0, got {spec.SiLambda}");
            Check(spec.SiEpsilon > 0 && double.IsFinite(spec.SiEpsilon), "siEpsilon", $"must be > 0, got {spec.SiEpsilon}");
        }
        return errors;
    }

    /// <summary>"split-fmnist" -> "split".</summary>
    public static string BenchmarkKind(string benchmark) => benchmark.Split('-', 2)[0].ToLowerInvariant();

    /// <summary>The explicit scenario, or the benchmark kind's natural one.</summary>
    public static string ScenarioOf(ExperimentSpec spec)
        => spec.Scenario?.ToLowerInvariant() ?? (BenchmarkKind(spec.Benchmark) == "split" ? "class" : "domain");
}
