using ContinualDash.Core.Runs;

namespace ContinualDash.Core.Queue;

/// <summary>
/// A queued unit of work for one run. The queue columns follow Hangfire's model: a worker claims the job with
/// a lease (<see cref="WorkerId"/>, <see cref="ClaimedAt"/>), keeps it alive with <see cref="HeartbeatAt"/>,
/// and a job whose heartbeat is older than the invisibility timeout can be claimed again.
/// </summary>
public sealed class Job
{
    public long Id { get; set; }
    public long RunId { get; set; }
    /// <summary><see cref="JobKind.Builtin"/> or <see cref="JobKind.Command"/>.</summary>
    public string Kind { get; set; } = JobKind.Builtin;
    /// <summary>The experiment spec (builtin) or argv, environment and working directory (command), as JSON.</summary>
    public string PayloadJson { get; set; } = "{}";
    /// <summary>Higher runs first.</summary>
    public int Priority { get; set; }
    /// <summary>Labels a worker must all have to claim this job, space-separated (e.g. <c>gpu</c>).</summary>
    public string Labels { get; set; } = "";
    /// <summary>The same status names as the run (<see cref="RunStatus"/>).</summary>
    public string Status { get; set; } = RunStatus.Queued;
    public int Attempt { get; set; } = 1;
    public int MaxAttempts { get; set; } = 2;
    /// <summary>Not claimable before this time (retry backoff).</summary>
    public DateTime NextAttemptAt { get; set; }
    public string? WorkerId { get; set; }
    public DateTime? ClaimedAt { get; set; }
    public DateTime? HeartbeatAt { get; set; }
    /// <summary>Set by a cancel of a running job; the worker sees it on its next heartbeat.</summary>
    public bool CancelRequested { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? Error { get; set; }
}
