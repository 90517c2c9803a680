using System.Globalization;
using ContinualDash.Training.Experiments;

namespace ContinualDash.Cli.Train;

/// <summary>
/// The options of <c>continualdash train</c>: each maps to one <see cref="ExperimentSpec"/> field, so that
/// the spec's per-field validation messages can name the option the user typed.
/// </summary>
internal static class TrainOptions
{
    private sealed record Option(string Name, string Field, string Help, Func<ExperimentSpec, string, ExperimentSpec>? Apply, Func<ExperimentSpec, ExperimentSpec>? Flag = null);

    private static readonly Option[] All =
    [
        new("--benchmark", "benchmark", "split-fmnist | permuted-fmnist | rotated-fmnist", (s, v) => s with { Benchmark = v }),
        new("--scenario", "scenario", "class | task | domain", (s, v) => s with { Scenario = v }),
        new("--tasks", "tasks", "number of tasks (5)", (s, v) => s with { Tasks = Int(v) }),
        new("--class-order", "classOrder", "comma-separated class order (split)", (s, v) => s with { ClassOrder = List(v, Int) }),
        new("--shuffle-classes", "shuffleClasses", "seeded shuffle of the class order", null, s => s with { ShuffleClasses = true }),
        new("--angles", "angles", "comma-separated degrees, one per task (rotated)", (s, v) => s with { Angles = List(v, Double) }),
        new("--data", "dataDirectory", "directory of MNIST-format IDX files", (s, v) => s with { DataDirectory = v }),
        new("--hidden", "hiddenSizes", "hidden widths (400,400)", (s, v) => s with { HiddenSizes = List(v, Int) }),
        new("--optimizer", "optimizer", "sgd | adam", (s, v) => s with { Optimizer = v }),
        new("--lr", "learningRate", "learning rate (0.01)", (s, v) => s with { LearningRate = Double(v) }),
        new("--momentum", "momentum", "SGD momentum (0.9)", (s, v) => s with { Momentum = Double(v) }),
        new("--weight-decay", "weightDecay", "weight decay (0)", (s, v) => s with { WeightDecay = Double(v) }),
        new("--batch-size", "batchSize", "new samples per iteration (256)", (s, v) => s with { BatchSize = Int(v) }),
        new("--epochs", "epochsPerTask", "epochs per task (10)", (s, v) => s with { EpochsPerTask = Int(v) }),
        new("--eval-period", "evalPeriod", "evaluate every N iterations (1)", (s, v) => s with { EvalPeriod = Int(v) }),
        new("--eval-subset", "evalSubsetSize", "evaluation samples per task (1000)", (s, v) => s with { EvalSubsetSize = Int(v) }),
        new("--eval-future", "evalFutureTasks", "also evaluate tasks not trained yet", null, s => s with { EvalFutureTasks = true }),
        new("--no-eval-initial", "evalInitialModel", "skip the evaluation at iteration 0", null, s => s with { EvalInitialModel = false }),
        new("--no-full-test", "evalFullTestSets", "skip full test sets at boundaries", null, s => s with { EvalFullTestSets = false }),
        new("--strategy", "strategy", "finetune | joint | er | agem | ewc | lwf | si", (s, v) => s with { Strategy = v }),
        new("--memory", "memorySize", "ER/A-GEM memory size (2000)", (s, v) => s with { MemorySize = Int(v) }),
        new("--replay-batch", "replayBatchSize", "replayed samples per iteration (256)", (s, v) => s with { ReplayBatchSize = Int(v) }),
        new("--replay-new-weight", "replayNewWeight", "ER weight of the new samples' loss (0.3)", (s, v) => s with { ReplayNewWeight = Double(v) }),
        new("--replay-selection", "replaySelection", "class-balanced | reservoir", (s, v) => s with { ReplaySelection = v }),
        new("--ewc-lambda", "ewcLambda", "EWC penalty strength (100)", (s, v) => s with { EwcLambda = Double(v) }),
        new("--ewc-decay", "ewcDecay", "online EWC decay (1)", (s, v) => s with { EwcDecay = Double(v) }),
        new("--lwf-alpha", "lwfAlpha", "LwF distillation weight (1)", (s, v) => s with { LwfAlpha = Double(v) }),
        new("--lwf-temperature", "lwfTemperature", "LwF temperature (2)", (s, v) => s with { LwfTemperature = Double(v) }),
        new("--si-lambda", "siLambda", "SI penalty strength (1)", (s, v) => s with { SiLambda = Double(v) }),
        new("--si-epsilon", "siEpsilon", "SI damping (0.1)", (s, v) => s with { SiEpsilon = Double(v) }),
        new("--seed", "seed", "random seed (0)", (s, v) => s with { Seed = Int(v) }),
    ];

    /// <summary>The option that sets a spec field, for error messages.</summary>
    public static string OptionFor(string field) => All.FirstOrDefault(o => o.Field == field)?.Name ?? field;

    /// <summary>One line per option.</summary>
    public static IEnumerable<string> HelpLines() => All.Select(o => $"  {o.Name,-20} {o.Help}");

    /// <summary>Parses the arguments into a spec and output path, or returns a one-line error.</summary>
    public static (ExperimentSpec Spec, string? OutPath, int ProgressEvery, string? Error) Parse(IReadOnlyList<string> args)
    {
        var spec = new ExperimentSpec();
        string? outPath = null;
        var progressEvery = 100;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--out" or "-o" or "--progress-every")
            {
                if (i + 1 >= args.Count) return (spec, null, 0, $"{name} needs a value");
                var value = args[++i];
                if (name == "--progress-every")
                {
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out progressEvery) || progressEvery < 0)
                        return (spec, null, 0, $"invalid --progress-every: '{value}' is not a non-negative integer");
                }
                else outPath = value;
                continue;
            }
            var option = Array.Find(All, o => o.Name == name);
            if (option is null)
                return (spec, null, 0, $"unknown option '{name}'");
            if (option.Flag is not null)
            {
                spec = option.Flag(spec);
                continue;
            }
            if (i + 1 >= args.Count)
                return (spec, null, 0, $"{name} needs a value");
            try
            {
                spec = option.Apply!(spec, args[++i]);
            }
            catch (FormatException e)
            {
                return (spec, null, 0, $"invalid {name}: {e.Message}");
            }
        }
        return (spec, outPath, progressEvery, outPath is null ? "--out FILE is required" : null);
    }

    private static int Int(string v) => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var x)
        ? x : throw new FormatException($"'{v}' is not an integer");

    private static double Double(string v) => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
        ? x : throw new FormatException($"'{v}' is not a number");

    private static IReadOnlyList<T> List<T>(string v, Func<string, T> parse) => [.. v.Split(',', StringSplitOptions.TrimEntries).Select(parse)];
}
