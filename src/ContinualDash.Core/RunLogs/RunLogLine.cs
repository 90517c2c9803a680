namespace ContinualDash.Core.RunLogs;

/// <summary>
/// One line a job's process wrote to stdout or stderr. Lines are numbered per attempt by the worker, so a
/// retried log report is stored once and the log of each attempt reads back in order.
/// </summary>
public sealed class RunLogLine
{
    public long RunId { get; set; }
    public int Attempt { get; set; }
    /// <summary>0, 1, 2, ... within one attempt, in the order the worker read the lines.</summary>
    public long Sequence { get; set; }
    /// <summary><c>stdout</c> or <c>stderr</c>.</summary>
    public string Stream { get; set; } = "stdout";
    public string Text { get; set; } = "";
    public DateTime At { get; set; }
}
