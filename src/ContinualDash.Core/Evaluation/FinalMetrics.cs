namespace ContinualDash.Core.Evaluation;

/// <summary>
/// The <c>final</c> object of METRICS.md S7. Values that derive from the last boundary stay null until every
/// task has ended; <see cref="Wf"/>, <see cref="Wp"/> and <see cref="WpCodeReplica"/> are running values.
/// </summary>
public sealed record FinalMetrics(
    double? AvgAcc,
    double? AvgAccPooled,
    double? AvgForg,
    double? AvgForgMax,
    double? Bwt,
    double? Fwt,
    int FwtTerms,
    double? MinAcc,
    double? WcAcc,
    double? Wf,
    double? Wp,
    double? WpCodeReplica,
    double? Intransigence);
