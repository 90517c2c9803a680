namespace ContinualDash.Core.Metrics;

/// <summary>
/// One named series of a run, optionally per task (e.g. <c>accuracy</c> of task 2). Points refer to it by
/// id, which keeps the point rows and their index small.
/// </summary>
public sealed class MetricSeries
{
    /// <summary>Stored instead of a null task: unique indexes treat nulls as distinct on both providers.</summary>
    public const int NoTask = -1;

    private MetricSeries() { }

    public MetricSeries(long runId, string name, int? task)
    {
        RunId = runId;
        Name = name;
        TaskKey = task ?? NoTask;
    }

    public long Id { get; private set; }
    public long RunId { get; private set; }
    public string Name { get; private set; } = "";
    public int TaskKey { get; private set; }

    /// <summary>The task index, or null for a run-level series (training loss, learning rate, ...).</summary>
    public int? Task => TaskKey == NoTask ? null : TaskKey;
}
