using ContinualDash.Core.Evaluation;

namespace ContinualDash.Core.LiveMetrics;

/// <summary>
/// The metrics of a run's log so far, with open-task semantics (see <see cref="LiveRunMetrics"/>).
/// </summary>
/// <param name="Report">The report, whose <c>PerIteration</c> holds the rows from <paramref name="FirstRow"/>
/// on; null when the log is inconsistent.</param>
/// <param name="FirstRow">Index of the first per-iteration row in the report.</param>
/// <param name="SettledRows">Rows before this index never change; later ones may (the last evaluated
/// iteration can still get evaluations of more tasks).</param>
/// <param name="Problem">Why the log cannot be evaluated, naming the evaluation or boundary; null if it can.</param>
/// <param name="Curves">When asked for: the settled rows before <paramref name="FirstRow"/> as reduced curves
/// (<see cref="MetricCurves"/>), for a viewer that starts on a long log.</param>
public sealed record LiveMetricsView(
    MetricsReport? Report, int FirstRow, int SettledRows, string? Problem,
    IReadOnlyDictionary<string, Series.SeriesPoint[]>? Curves = null)
{
    /// <summary>The boundary row of the last task that ended, or null before the first boundary.</summary>
    public BoundaryMetrics? LastBoundary => Report is { BoundaryMetrics: [.., var last] } ? last : null;
}
