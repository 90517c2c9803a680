namespace ContinualDash.Core.Runs;

/// <summary>
/// The life cycle of a run: <c>Queued → Running → Succeeded | Failed | Cancelled</c>.
/// Names are stored as these one-word strings; the last three are final and never change again.
/// </summary>
public static class RunStatus
{
    public const string Queued = "Queued";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Cancelled = "Cancelled";

    public static readonly IReadOnlyList<string> All = [Queued, Running, Succeeded, Failed, Cancelled];

    /// <summary>True for the states a run never leaves.</summary>
    public static bool IsFinal(string status) => status is Succeeded or Failed or Cancelled;
}
