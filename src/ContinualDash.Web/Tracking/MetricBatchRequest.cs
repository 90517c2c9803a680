namespace ContinualDash.Web.Tracking;

/// <summary>Body of <c>POST /api/runs/{id}/metrics</c>; <see cref="Batch"/> is the optional idempotency key.</summary>
public sealed record MetricBatchRequest(string? Batch, IReadOnlyList<MetricPointRequest?>? Points);
