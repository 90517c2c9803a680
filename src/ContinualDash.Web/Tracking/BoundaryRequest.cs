namespace ContinualDash.Web.Tracking;

/// <summary>Body of <c>POST /api/runs/{id}/boundaries</c>: training on <see cref="Task"/> ended at <see cref="Iteration"/>.</summary>
public sealed record BoundaryRequest(int? Task, long? Iteration);
