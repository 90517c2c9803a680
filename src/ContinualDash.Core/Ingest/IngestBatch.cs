using ContinualDash.Core.Tracking;

namespace ContinualDash.Core.Ingest;

/// <summary>A metric batch on its way to storage (<see cref="MetricIngest"/>).</summary>
/// <param name="RunId">The run it belongs to; it must exist and not be final when the batch commits.</param>
/// <param name="Key">Optional idempotency key: a batch whose key the run already stored is a no-op.</param>
/// <param name="Points">The points, not yet validated.</param>
/// <param name="Attempt">The attempt a worker writes for (its lease's); the batch fails if the run has moved
/// to another attempt. Null for the tracking API: the run's current attempt.</param>
public sealed record IngestBatch(long RunId, string? Key, IReadOnlyList<MetricPointInput> Points, int? Attempt = null);
