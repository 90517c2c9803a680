using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using ContinualDash.Core.Data;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Points;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tracking;

/// <summary>
/// Server-Sent Events of one run (<c>points</c>, <c>boundary</c>, <c>metrics</c>, <c>status</c>; the run
/// list's are <see cref="RunListEvents"/>). A stream follows the run from memory: the writers hand it the
/// points they committed and tell it when boundaries or status changed (<see cref="TrackingNotifier"/>). It
/// reads the database only to catch up: when it opens (or resumes after <c>Last-Event-ID</c>), when it fell
/// behind its bounded buffer, and after <see cref="PollInterval"/> without news, for writes that did not pass
/// through this server process.
/// </summary>
internal static class RunEventStreams
{
    /// <summary>Points per <c>points</c> event, at most.</summary>
    public const int PointsPerEvent = 5_000;

    /// <summary>Longest wait without news before the stream looks at the database itself.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Shortest time between two <c>metrics</c> events of a stream: a busy run commits many times a
    /// second, and the page redraws its metric charts a few times a second at most.</summary>
    public static readonly TimeSpan MetricsInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The event id is the id of the last point sent, so a client that reconnects with <c>Last-Event-ID</c>
    /// gets exactly the points it missed. Boundaries and status are state, not a log: every connection
    /// starts with the current ones, so nothing is missed across a reconnect either.
    /// </summary>
    public static async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult>> RunAsync(
        long id, HttpRequest request, IServiceScopeFactory scopes, TrackingNotifier notifier, LiveRunMetrics live,
        TimeProvider time, long? after, CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DashDbContext>();
            if (!await db.Runs.AnyAsync(r => r.Id == id, ct)) return TrackingProblems.NotFound(id);
        }
        var header = request.Headers["Last-Event-ID"].ToString();
        long cursor = after ?? 0;
        if (header.Length > 0 && !long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out cursor))
            return TrackingProblems.Invalid("Last-Event-ID", "must be the id of an event of this stream");
        return TypedResults.ServerSentEvents(RunEvents(id, cursor, scopes, notifier, live, time, ct));
    }

    private static async IAsyncEnumerable<SseItem<object>> RunEvents(
        long runId, long cursor, IServiceScopeFactory scopes, TrackingNotifier notifier, LiveRunMetrics live,
        TimeProvider time, [EnumeratorCancellation] CancellationToken ct)
    {
        // Subscribed before the first read: whatever commits after that read reaches the subscription.
        using var feed = notifier.Subscribe(runId);
        var boundaries = new Dictionary<int, long>();
        string? status = null;
        var metricsRows = 0;
        var metricsDue = true;
        var lastMetrics = (long?)null;
        var catchUp = true;
        var stateDue = true;
        while (!ct.IsCancellationRequested)
        {
            var wake = feed.Next;
            catchUp |= feed.TakeOverflow();
            stateDue |= feed.TakeChanged();

            string? now = null;
            if (stateDue)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DashDbContext>();
                now = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => r.Status).FirstOrDefaultAsync(ct);
                if (now is null) yield break;
                // A final run takes no more points: read what is left before saying it ended.
                if (RunStatus.IsFinal(now)) catchUp = true;
            }

            if (catchUp)
            {
                // A fresh context per catch-up: a stream lives for hours, and a long-lived context would cache rows.
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DashDbContext>();
                List<RunPoint> stored;
                do
                {
                    stored = await RunPointReader.TakeAsync(db, runId, cursor, PointsPerEvent, ct);
                    if (stored.Count == 0) break;
                    cursor = stored[^1].Id;
                    metricsDue = true;
                    yield return Event(stored, "points", cursor);
                } while (stored.Count == PointsPerEvent);
                catchUp = false;
            }

            // What committed since, from memory; anything the catch-up already sent is skipped by id.
            var fresh = new List<RunPoint>();
            while (feed.TryTake(out var committed))
            {
                foreach (var point in committed)
                    if (point.Id > cursor) fresh.Add(point);
                if (fresh.Count < PointsPerEvent) continue;
                cursor = fresh[^1].Id;
                metricsDue = true;
                yield return Event(fresh, "points", cursor);
                fresh = [];
            }
            if (fresh.Count > 0)
            {
                cursor = fresh[^1].Id;
                metricsDue = true;
                yield return Event(fresh, "points", cursor);
            }

            if (stateDue)
            {
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<DashDbContext>();
                    var phases = await db.TaskPhases.AsNoTracking()
                        .Where(p => p.RunId == runId && p.BoundaryIteration != null).OrderBy(p => p.TaskIndex)
                        .Select(p => new BoundaryEvent(p.TaskIndex, p.BoundaryIteration!.Value)).ToListAsync(ct);
                    foreach (var b in phases.Where(b => !boundaries.TryGetValue(b.Task, out var known) || known != b.Iteration))
                    {
                        boundaries[b.Task] = b.Iteration;
                        metricsDue = true;
                        yield return Event(b, "boundary", cursor);
                    }
                }
                stateDue = false;
                if (now != status)
                {
                    status = now;
                    yield return Event(new RunStatusResponse(runId, now!), "status", cursor);
                }
                // The client closes on the final status and fetches the run's final report (checked as a complete log).
                if (RunStatus.IsFinal(now!)) yield break;
            }

            var wait = PollInterval;
            if (metricsDue)
            {
                var since = lastMetrics is { } last ? time.GetElapsedTime(last) : TimeSpan.MaxValue;
                if (since >= MetricsInterval)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<DashDbContext>();
                    // The run's shared evaluator catches up once for all viewers; this viewer gets the rows it lacks.
                    var view = await live.ReadAsync(db, runId, metricsRows, ct, LiveMetricsEvent.CurveBuckets);
                    metricsRows = view.SettledRows;
                    metricsDue = false;
                    lastMetrics = time.GetTimestamp();
                    yield return Event(LiveMetricsEvent.From(view), "metrics", cursor);
                }
                else
                {
                    wait = MetricsInterval - since;
                }
            }
            // Without news for a whole poll interval, look at the database: another process may have written.
            if (!await WaitAsync(wake, wait, time, ct) && wait == PollInterval) catchUp = stateDue = true;
        }
    }

    private static SseItem<object> Event(object data, string type, long cursor) =>
        new(data, type) { EventId = cursor.ToString(CultureInfo.InvariantCulture) };

    /// <summary>Waits for <paramref name="wake"/> at most <paramref name="timeout"/>; false when it timed out.</summary>
    internal static async Task<bool> WaitAsync(Task wake, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        try
        {
            await wake.WaitAsync(timeout, time, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
