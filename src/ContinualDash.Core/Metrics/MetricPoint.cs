namespace ContinualDash.Core.Metrics;

/// <summary>One value of a series at an iteration (METRICS.md S1: updates completed).</summary>
public sealed class MetricPoint
{
    public long Id { get; set; }
    public long SeriesId { get; set; }
    public long Iteration { get; set; }
    public double Value { get; set; }
    /// <summary>Wall-clock time the value was produced, Unix milliseconds.</summary>
    public long WallTimeMs { get; set; }
    /// <summary>The run attempt that produced the point; points of a lost attempt are kept and labelled.</summary>
    public int Attempt { get; set; } = 1;
}
