using System.Collections.Concurrent;
using ContinualDash.Core.Points;

namespace ContinualDash.Core.Tracking;

/// <summary>
/// One event stream's view of a run's live changes (<see cref="TrackingNotifier.Subscribe"/>): the committed
/// points in id order, up to <see cref="MaxBufferedPoints"/>, and a flag for any other change. A stream that
/// falls further behind loses the buffer and is told so (<see cref="TakeOverflow"/>); it then catches up from
/// the database, which holds everything, so a slow viewer costs memory up to the bound and never a gap.
/// </summary>
/// <remarks>
/// Reading pattern: take <see cref="Next"/>, drain (<see cref="TakeOverflow"/>, <see cref="TakeChanged"/>,
/// <see cref="TryTake"/>), then await the task taken first. Anything published after <see cref="Next"/> was
/// taken completes it, so nothing waits for a poll.
/// </remarks>
public sealed class RunSubscription : IDisposable
{
    /// <summary>Points a stream may have waiting; beyond it the stream reads the database instead.</summary>
    public const int MaxBufferedPoints = 50_000;

    private readonly TrackingNotifier owner;
    private readonly ConcurrentQueue<IReadOnlyList<RunPoint>> queue = new();
    private TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int buffered;
    private int overflowed;
    private int changed;

    internal RunSubscription(TrackingNotifier owner, long runId)
    {
        this.owner = owner;
        RunId = runId;
    }

    public long RunId { get; }

    /// <summary>Completes at the next thing published to this subscription.</summary>
    public Task Next => Volatile.Read(ref signal).Task;

    /// <summary>True once since points were dropped for want of room: read the database after your cursor.
    /// What is still queued is stale then and is dropped with it.</summary>
    public bool TakeOverflow()
    {
        if (Interlocked.Exchange(ref overflowed, 0) == 0) return false;
        while (queue.TryDequeue(out var dropped)) Interlocked.Add(ref buffered, -dropped.Count);
        return true;
    }

    /// <summary>True once since the run's boundaries, status or metadata changed.</summary>
    public bool TakeChanged() => Interlocked.Exchange(ref changed, 0) == 1;

    /// <summary>The next committed points, oldest first.</summary>
    public bool TryTake(out IReadOnlyList<RunPoint> points)
    {
        if (!queue.TryDequeue(out points!)) return false;
        Interlocked.Add(ref buffered, -points.Count);
        return true;
    }

    public void Dispose() => owner.Unsubscribe(this);

    /// <summary>Queues a commit's points. Once one is dropped, every later one is dropped too until the reader
    /// takes the overflow: the queue never holds points from after a gap, so what the reader takes from it
    /// always follows what it sent.</summary>
    internal void Offer(IReadOnlyList<RunPoint> points)
    {
        if (Volatile.Read(ref overflowed) == 1) { }
        else if (Interlocked.Add(ref buffered, points.Count) > MaxBufferedPoints)
        {
            Interlocked.Add(ref buffered, -points.Count);
            Volatile.Write(ref overflowed, 1);
        }
        else
        {
            queue.Enqueue(points);
        }
        Wake();
    }

    internal void MarkChanged()
    {
        Volatile.Write(ref changed, 1);
        Wake();
    }

    private void Wake() =>
        Interlocked.Exchange(ref signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
