using ContinualDash.Training.Experiments;

namespace ContinualDash.Web.Launch;

/// <summary>An experiment to launch with the built-in trainer: one run (and job) per seed.</summary>
/// <param name="Name">The experiment's name; each run is named "{Name} seed {seed}".</param>
/// <param name="Spec">The trainer's spec; its <c>Seed</c> is replaced by each of <paramref name="Seeds"/>.</param>
/// <param name="Seeds">One run per seed, in this order.</param>
/// <param name="Labels">Labels a worker must offer to run the jobs.</param>
public sealed record ExperimentLaunch(
    string Name, ExperimentSpec Spec, IReadOnlyList<int> Seeds, IReadOnlyList<string>? Labels = null, int Priority = 0, int? MaxAttempts = null);
