using ContinualDash.Training.Experiments;
using ContinualDash.Web.Launch;

namespace ContinualDash.Web.Demo;

/// <summary>
/// The empty home page's one-click start: ER and Finetune on Split-Fashion-MNIST, two seeds each, as one
/// experiment of four queued builtin jobs, launched through <see cref="ExperimentLauncher"/> like any other.
/// </summary>
public sealed class DemoExperiment(ExperimentLauncher launcher)
{
    public const string Name = "Demo: ER vs Finetune on Split-Fashion-MNIST";
    public static readonly IReadOnlyList<string> Strategies = ["er", "finetune"];
    public static readonly IReadOnlyList<int> Seeds = [0, 1];

    /// <summary>A short protocol so a laptop finishes the demo in minutes: one epoch per task.</summary>
    public static ExperimentSpec Spec(string strategy) =>
        new() { Benchmark = "split-fmnist", Strategy = strategy, EpochsPerTask = 1, EvalPeriod = 5, EvalSubsetSize = 500 };

    /// <summary>Stores the experiment and enqueues its four runs in one transaction; returns the experiment id.</summary>
    public async Task<long> LaunchAsync(CancellationToken ct)
    {
        var parts = Strategies.Select(s => new ExperimentLaunch(s, Spec(s), Seeds)).ToList();
        var launched = await launcher.LaunchAsync(Name, parts, createdBy: "demo", ct);
        return launched.ExperimentId;
    }
}
