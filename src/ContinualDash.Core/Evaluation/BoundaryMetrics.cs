namespace ContinualDash.Core.Evaluation;

/// <summary>One row of <c>boundary_metrics</c> (METRICS.md S7): the metrics at the end of task k, t = b_k.</summary>
public sealed record BoundaryMetrics(
    int Task,
    int Iteration,
    double? AvgAcc,
    double? AvgForg,
    double? AvgForgMax,
    double? Bwt,
    double? MinAcc,
    int MinAccTasks,
    double? WcAcc);
