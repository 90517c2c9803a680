namespace ContinualDash.Core.Experiments;

/// <summary>A launched experiment: one specification, one run per seed.</summary>
public sealed class Experiment
{
    public long Id { get; private set; }
    public string Name { get; set; } = "";
    /// <summary>The launch specification (benchmark, strategy, hyper-parameters, seeds) as JSON.</summary>
    public string SpecJson { get; set; } = "{}";
    public string? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}
