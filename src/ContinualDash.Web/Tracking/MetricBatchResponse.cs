namespace ContinualDash.Web.Tracking;

/// <summary>Answer of <c>POST /api/runs/{id}/metrics</c>: points stored, and whether the batch key was seen before.</summary>
public sealed record MetricBatchResponse(int Stored, bool Duplicate);
