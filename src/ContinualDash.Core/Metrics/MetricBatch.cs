namespace ContinualDash.Core.Metrics;

/// <summary>A metric batch already stored for a run: a retried batch with the same key is stored once.</summary>
public sealed class MetricBatch
{
    public long RunId { get; set; }
    public string Key { get; set; } = "";
    public int Points { get; set; }
    public DateTime ReceivedAt { get; set; }
}
