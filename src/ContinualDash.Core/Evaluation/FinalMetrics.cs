namespace ContinualDash.Core.Evaluation;

/// <summary>
/// The <c>final</c> object of METRICS.md S7. Values that derive from the last boundary stay null until every
/// task has ended; <see cref="Wf"/>, <see cref="Wp"/> and <see cref="WpCodeReplica"/> are running values.
/// <see cref="WcAcc"/> is the WC-ACC of the last boundary row, (R[T-1][T-1] + sum of the minima) / (1 + their
/// count), which equals the paper's (1/T) R[T-1][T-1] + (1 - 1/T) min-ACC when every previous task has a
/// minimum (S3.6).
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
