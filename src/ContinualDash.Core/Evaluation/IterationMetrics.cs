namespace ContinualDash.Core.Evaluation;

/// <summary>One row of <c>per_iteration</c> (METRICS.md S7): the continual metrics at iteration t.</summary>
public sealed record IterationMetrics(
    int Iteration,
    int CurrentTask,
    double? AvgAccSeen,
    double? Forg,
    double? Bwt,
    double? MinAcc,
    int MinAccTasks,
    double? WcAcc,
    double? Wf,
    double? Wp);
