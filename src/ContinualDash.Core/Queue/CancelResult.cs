namespace ContinualDash.Core.Queue;

/// <summary>What <see cref="JobQueue.CancelAsync"/> did.</summary>
public enum CancelResult
{
    /// <summary>The job was queued and is now cancelled.</summary>
    Cancelled,
    /// <summary>The job is running; its worker stops it at its next heartbeat.</summary>
    Requested,
    /// <summary>No such job, or it already ended.</summary>
    NotCancellable,
}
