namespace ContinualDash.Core.Metrics;

/// <summary>
/// How many points a series holds, raised in the same transaction that stores them. Readers that keep a
/// series in memory compare it with what they hold: equal means nothing was added, and it is how they know a
/// read of the newer points missed none (see <see cref="Series.SeriesPointCache"/>).
/// </summary>
public sealed class MetricSeriesCount
{
    public long SeriesId { get; set; }
    public long Points { get; set; }
}
