namespace ContinualDash.Core.Series;

/// <summary>One point of a chart series: x is usually the iteration, y the metric value.</summary>
public readonly record struct SeriesPoint(double X, double Y);
