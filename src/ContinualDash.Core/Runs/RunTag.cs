namespace ContinualDash.Core.Runs;

/// <summary>A free-form label on a run; one row per (run, tag) so tags filter through an index.</summary>
public sealed class RunTag
{
    public long RunId { get; set; }
    public string Tag { get; set; } = "";
}
