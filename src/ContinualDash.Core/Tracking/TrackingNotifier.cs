namespace ContinualDash.Core.Tracking;

/// <summary>
/// Wakes the event streams after tracking data commits: points, boundaries and status changes, whether they
/// came through the tracking API or a worker. It carries no data: a woken stream reads what is new from the
/// database, so a missed wake-up costs at most one poll interval and never loses an event.
/// </summary>
public sealed class TrackingNotifier
{
    private TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>. Take it before reading the database, so that a
    /// write committed during the read still wakes the stream.</summary>
    public Task Next => Volatile.Read(ref signal).Task;

    /// <summary>Wakes every stream waiting on <see cref="Next"/>; call it after the write has committed.</summary>
    public void Notify() =>
        Interlocked.Exchange(ref signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
