namespace ContinualDash.Web.Launch;

/// <summary>A launched experiment and its runs, one per seed.</summary>
public sealed record LaunchedExperiment(long ExperimentId, IReadOnlyList<LaunchedRun> Runs);
