namespace ContinualDash.Core.Tracking;

/// <summary>
/// One metric value as a trainer reports it: series name, optional task index, iteration (METRICS.md S1:
/// optimizer updates done) and value. <paramref name="WallTimeMs"/> is Unix milliseconds; null means "now".
/// </summary>
public readonly record struct MetricPointInput(string Name, int? Task, long Iteration, double Value, long? WallTimeMs = null);
