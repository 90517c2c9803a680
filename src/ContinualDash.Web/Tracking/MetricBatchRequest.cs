namespace ContinualDash.Web.Tracking;

/// <summary>Body of <c>POST /api/runs/{id}/metrics</c>; <see cref="Batch"/> is the optional idempotency key.
/// It documents the body in OpenAPI; the endpoint reads it with <see cref="MetricBatchReader"/>.</summary>
public sealed record MetricBatchRequest(string? Batch, IReadOnlyList<MetricPointRequest?>? Points);
