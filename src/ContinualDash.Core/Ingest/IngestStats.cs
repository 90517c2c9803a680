namespace ContinualDash.Core.Ingest;

/// <summary>Counters of <see cref="MetricIngest"/> since the server started (reported by <c>/healthz</c>).</summary>
/// <param name="Commits">Transactions that stored at least one batch.</param>
/// <param name="Batches">Batches acknowledged (stored or found to be duplicates).</param>
/// <param name="Points">Points stored.</param>
/// <param name="Busy">Batches refused because the queue was full.</param>
/// <param name="Queued">Points waiting for a commit now.</param>
public sealed record IngestStats(long Commits, long Batches, long Points, long Busy, long Queued);
