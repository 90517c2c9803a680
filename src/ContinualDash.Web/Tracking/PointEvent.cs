namespace ContinualDash.Web.Tracking;

/// <summary>A stored point as the event stream and the JSON export send it; <see cref="Time"/> is Unix ms.</summary>
public sealed record PointEvent(long Id, string Name, int? Task, long Iteration, double Value, long Time, int Attempt);
