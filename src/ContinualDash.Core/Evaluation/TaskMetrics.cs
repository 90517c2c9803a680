namespace ContinualDash.Core.Evaluation;

/// <summary>
/// One row of <c>per_task</c> (METRICS.md S7). <c>NEvalsSeen</c> counts the evaluations made while the task
/// was seen (i &lt;= cur(t)); <c>MinAcc</c> is m_i at the last evaluation so far (S3.5, null for the last
/// task) and <c>MinAccIteration</c> the earliest iteration where it was reached.
/// </summary>
public sealed record TaskMetrics(
    int Task,
    int NEvalsSeen,
    double? MinAcc,
    int? MinAccIteration,
    double? Forg,
    double? ForgMax,
    double? Bwt,
    double? Fwt,
    double? Wf,
    double? Wp,
    double? WpCodeReplica,
    double? Intransigence);
