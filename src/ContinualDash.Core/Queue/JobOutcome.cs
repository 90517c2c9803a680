namespace ContinualDash.Core.Queue;

/// <summary>How a worker ended an attempt.</summary>
public enum JobOutcome
{
    Succeeded,
    /// <summary>Retried while attempts are left, otherwise final.</summary>
    Failed,
    /// <summary>Acknowledges a cancel request.</summary>
    Cancelled,
}
