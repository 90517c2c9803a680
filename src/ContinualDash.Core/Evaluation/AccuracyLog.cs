namespace ContinualDash.Core.Evaluation;

/// <summary>
/// The input of the metrics engine (METRICS.md S7): task boundaries b_0 &lt; ... &lt; b_{T-1}, the evaluations in
/// any order, and the optional settings. The number of tasks T is the number of boundaries.
/// </summary>
public sealed record AccuracyLog(
    IReadOnlyList<int> TaskBoundaries,
    IReadOnlyList<TaskAccuracy> Evaluations,
    MetricsSettings Settings);
