using System.ComponentModel.DataAnnotations;

namespace ContinualDash.Core.Ingest;

/// <summary>Limits of <see cref="MetricIngest"/> (configuration section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Points accepted but not yet committed, at most. Beyond it batches are refused with 503 and
    /// Retry-After instead of queueing without bound when the disk cannot keep up. A batch is always taken
    /// when nothing is queued, whatever its size.</summary>
    [Range(1, int.MaxValue)]
    public int MaxQueuedPoints { get; set; } = 500_000;

    /// <summary>Points per commit, at most: a group stops growing at this size, which bounds how long the
    /// write lock is held and how late the first batch of a big group is acknowledged.</summary>
    [Range(1, int.MaxValue)]
    public int MaxGroupPoints { get; set; } = 100_000;

    /// <summary>What a refused client is told to wait.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
