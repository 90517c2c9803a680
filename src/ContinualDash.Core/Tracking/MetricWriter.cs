using ContinualDash.Core.Data;
using ContinualDash.Core.Ingest;

namespace ContinualDash.Core.Tracking;

/// <summary>
/// Stores one metric batch on the caller's context in a transaction of its own: the write of
/// <see cref="MetricIngest"/> without its queue, for tools and tests that hold a context (the server
/// always goes through <see cref="MetricIngest"/>). Same checks and storage, except that the attempt is
/// taken as given (an import or a test may write any attempt's points), and no live fan-out.
/// </summary>
public sealed class MetricWriter(DashDbContext db, TimeProvider time, SeriesIdCache? seriesCache = null)
{
    /// <summary>Writes <paramref name="points"/> for <paramref name="runId"/> as attempt <paramref name="attempt"/>.</summary>
    /// <returns>Whether the batch was stored, or skipped as a duplicate of an earlier batch with the same key.</returns>
    /// <exception cref="TrackingException">Invalid points, or the run is unknown or final.</exception>
    public Task<MetricWriteResult> WriteAsync(
        long runId, string? batchKey, int attempt, IReadOnlyList<MetricPointInput> points, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var written = MetricGroupWriter.Write(
            db, time.GetUtcNow(), seriesCache, [new IngestBatch(runId, batchKey, points, attempt)], _ => false, checkAttempts: false);
        var (result, error) = written.Outcomes[0];
        return error is null ? Task.FromResult(result) : Task.FromException<MetricWriteResult>(error);
    }
}
