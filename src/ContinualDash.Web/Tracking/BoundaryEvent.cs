namespace ContinualDash.Web.Tracking;

/// <summary>The <c>boundary</c> event: training on <see cref="Task"/> ended at <see cref="Iteration"/>.</summary>
public sealed record BoundaryEvent(int Task, long Iteration);
