namespace ContinualDash.Web.Tracking;

/// <summary>One point of a metric batch; <see cref="Time"/> is Unix milliseconds (default: when received).
/// The fields are nullable so that a missing one is reported by name instead of read as 0.</summary>
public sealed record MetricPointRequest(string? Name, int? Task, long? Iteration, double? Value, long? Time);
