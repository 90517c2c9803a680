namespace ContinualDash.Core.Sharing;

/// <summary>What a view-only share link opens.</summary>
public static class ShareLinkKind
{
    /// <summary>One run; the target is the run id.</summary>
    public const string Run = "run";

    /// <summary>One experiment and its runs; the target is the experiment id.</summary>
    public const string Experiment = "experiment";

    /// <summary>A comparison of runs; the target is the compare page's query string.</summary>
    public const string Compare = "compare";

    public static bool IsKnown(string? kind) => kind is Run or Experiment or Compare;
}
