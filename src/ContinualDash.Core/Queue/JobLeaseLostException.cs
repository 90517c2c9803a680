namespace ContinualDash.Core.Queue;

/// <summary>
/// The worker no longer holds the job: its lease expired and the job was reclaimed, cancelled or finished.
/// The worker must stop the job and report nothing more for it.
/// </summary>
public sealed class JobLeaseLostException(long jobId, int attempt)
    : Exception($"job {jobId} attempt {attempt} is no longer held by this worker")
{
    public long JobId { get; } = jobId;
}
