namespace ContinualDash.Core.Metrics;

/// <summary>
/// The points of one series that one batch stored, in one row: iterations, values and wall-clock times packed
/// in <see cref="Points"/> (<see cref="Points.PointChunkCodec"/>). One row per batch and series instead of one per
/// point is what lets the database keep up with ingest (docs/PERFORMANCE.md "Tracking API"); a point is named by
/// its chunk and its place in it (<see cref="Points.PointIds"/>).
/// </summary>
public sealed class MetricChunk
{
    public long Id { get; set; }
    public long SeriesId { get; set; }
    /// <summary>The run attempt that produced the points; points of a lost attempt are kept and labelled.</summary>
    public int Attempt { get; set; } = 1;
    /// <summary>Smallest iteration in the chunk (METRICS.md S1: updates completed).</summary>
    public long FirstIteration { get; set; }
    /// <summary>Largest iteration in the chunk.</summary>
    public long LastIteration { get; set; }
    /// <summary>Number of points, at most <see cref="Points.PointIds.MaxChunkPoints"/>.</summary>
    public int Count { get; set; }
    /// <summary>The packed points, in the order they were stored.</summary>
    public byte[] Points { get; set; } = [];
}
