namespace ContinualDash.Core.Evaluation;

/// <summary>
/// The stability-gap descriptors of previous task <paramref name="Task"/> during later task
/// <paramref name="DuringTask"/> (METRICS.md S3.10; ContinualDash's own definitions, not the paper's).
/// </summary>
public sealed record StabilityGap(
    int Task,
    int DuringTask,
    double? AccAtPrevBoundary,
    double? MinAcc,
    int? MinIteration,
    double? Depth,
    double? AccAtBoundary,
    double? Recovered,
    int? RecoveryIteration);
