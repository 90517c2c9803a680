namespace ContinualDash.Core.Evaluation;

/// <summary>
/// Everything METRICS.md S3 defines for one accuracy log, in the shape of the S7 output. Serialise it with
/// <see cref="MetricsReportJson"/> so that the command, the API and the pages show the same numbers.
/// </summary>
/// <param name="NumTasks">T.</param>
/// <param name="TaskBoundaries">The boundaries known (all T once a run is complete).</param>
/// <param name="Window">w of WF^w and WP^w.</param>
/// <param name="Final">The end-of-run values (S3.1-S3.8).</param>
/// <param name="BoundaryMetrics">One row per finished task k, at iteration b_k.</param>
/// <param name="R">R[k][i], T x T, null where missing (S1).</param>
/// <param name="RIterations">The iteration each R entry was taken from.</param>
/// <param name="PerTask">One row per task.</param>
/// <param name="PerIteration">One row per iteration that has evaluations, in iteration order.</param>
/// <param name="StabilityGap">One row per (previous task, later task), ordered by task then later task.</param>
/// <param name="Warnings">Data problems that made values fall back or become null.</param>
public sealed record MetricsReport(
    int NumTasks,
    IReadOnlyList<int> TaskBoundaries,
    int Window,
    FinalMetrics Final,
    IReadOnlyList<BoundaryMetrics> BoundaryMetrics,
    IReadOnlyList<IReadOnlyList<double?>> R,
    IReadOnlyList<IReadOnlyList<int?>> RIterations,
    IReadOnlyList<TaskMetrics> PerTask,
    IReadOnlyList<IterationMetrics> PerIteration,
    IReadOnlyList<StabilityGap> StabilityGap,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Version of the S7 output format.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Every accuracy and difference is a fraction (S1 "Units").</summary>
    public const string Units = "fraction";
}
