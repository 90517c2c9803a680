namespace ContinualDash.Web.Tracking;

/// <summary>
/// A run's final continual-learning metrics (METRICS.md), as the runs table shows them; each is null until
/// the run has reached the point where it is computed. The filter language and the sort keys name the same
/// values in snake_case: <c>final.avg_acc</c> / <c>acc</c>, <c>final.min_acc</c> / <c>min_acc</c>, and so on.
/// </summary>
public sealed record RunFinal(double? AvgAcc, double? MinAcc, double? WcAcc, double? Bwt, double? Forgetting);
