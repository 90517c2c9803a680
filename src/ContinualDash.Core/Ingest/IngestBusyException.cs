namespace ContinualDash.Core.Ingest;

/// <summary>
/// The ingest queue holds more points than the database is writing (<see cref="IngestOptions.MaxQueuedPoints"/>):
/// the batch was not taken, nothing was stored, and the caller should send it again after
/// <see cref="RetryAfter"/> (the API answers 503 with Retry-After).
/// </summary>
public sealed class IngestBusyException(TimeSpan retryAfter)
    : Exception($"the server is writing a backlog of metric points; send the batch again in {retryAfter.TotalSeconds:0} s")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
