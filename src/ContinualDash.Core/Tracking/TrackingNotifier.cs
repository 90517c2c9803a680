using System.Collections.Concurrent;
using ContinualDash.Core.Points;

namespace ContinualDash.Core.Tracking;

/// <summary>
/// The live side of tracking, in memory: the writers hand it what they committed and it fans that out to the
/// open event streams, so a viewer never queries the database to learn that something happened.
/// <list type="bullet">
/// <item>Points: <see cref="Ingest.MetricIngest"/> publishes each commit's points of a run, in id order, to that run's
/// <see cref="RunSubscription"/>s only (a busy server does not wake the streams of quiet runs).</item>
/// <item>Boundaries and status: <see cref="Data.TrackingChangeInterceptor"/> reports every committed change of a
/// run or its task phases, whichever writer made it; a status change also wakes the run-list streams.</item>
/// </list>
/// The database stays the record: a stream reads it to catch up (when it opens, resumes, or fell behind its
/// bounded buffer), never to follow.
/// </summary>
public sealed class TrackingNotifier
{
    private readonly ConcurrentDictionary<long, RunSubscription[]> runs = new();
    private readonly Lock gate = new();
    private TaskCompletionSource statusSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next committed status change of any run (new runs included). Take it before
    /// reading the database, so that a change committed during the read still wakes the caller.</summary>
    public Task NextStatusChange => Volatile.Read(ref statusSignal).Task;

    /// <summary>Follows one run until the subscription is disposed.</summary>
    public RunSubscription Subscribe(long runId)
    {
        var subscription = new RunSubscription(this, runId);
        lock (gate) runs[runId] = [.. runs.GetValueOrDefault(runId) ?? [], subscription];
        return subscription;
    }

    /// <summary>Whether anybody follows the run: the writer builds the points it publishes only then.</summary>
    public bool IsWatched(long runId) => runs.ContainsKey(runId);

    /// <summary>Hands points of <paramref name="runId"/> that just committed, in id order, to its streams.</summary>
    public void PointsCommitted(long runId, IReadOnlyList<RunPoint> points)
    {
        if (points.Count == 0 || !runs.TryGetValue(runId, out var subscriptions)) return;
        foreach (var s in subscriptions) s.Offer(points);
    }

    /// <summary>Something about the run committed: a boundary, its status, its metadata.</summary>
    public void RunChanged(long runId, bool status)
    {
        if (runs.TryGetValue(runId, out var subscriptions))
            foreach (var s in subscriptions) s.MarkChanged();
        if (status)
            Interlocked.Exchange(ref statusSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    internal void Unsubscribe(RunSubscription subscription)
    {
        lock (gate)
        {
            if (!runs.TryGetValue(subscription.RunId, out var current)) return;
            var left = current.Where(s => s != subscription).ToArray();
            if (left.Length == 0) runs.TryRemove(subscription.RunId, out _);
            else runs[subscription.RunId] = left;
        }
    }
}
