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
/// list's are <see cref="RunListEvents"/>). A stream reads what is new from the database whenever the <see cref="TrackingNotifier"/>
/// wakes it, and at least every <see cref="PollInterval"/>, so writes from another process show up too.
/// </summary>
internal static class RunEventStreams
{
    /// <summary>Points per <c>points</c> event, at most.</summary>
    public const int PointsPerEvent = 5_000;

    /// <summary>Longest wait without a notification; it bounds the delay for writes the notifier does not see.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

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
        var boundaries = new Dictionary<int, long>();
        string? status = null;
        var metricsRows = 0;
        var metricsDue = true;
        while (!ct.IsCancellationRequested)
        {
            var wake = notifier.Next;
            // A fresh context per round: a stream lives for hours, and a long-lived context would cache rows.
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<DashDbContext>();
                List<RunPoint> points;
                do
                {
                    points = await RunPointReader.TakeAsync(db, runId, cursor, PointsPerEvent, ct);
                    if (points.Count == 0) break;
                    cursor = points[^1].Id;
                    metricsDue = true;
                    yield return Event(points, "points", cursor);
                } while (points.Count == PointsPerEvent);

                var phases = await db.TaskPhases.AsNoTracking()
                    .Where(p => p.RunId == runId && p.BoundaryIteration != null).OrderBy(p => p.TaskIndex)
                    .Select(p => new BoundaryEvent(p.TaskIndex, p.BoundaryIteration!.Value)).ToListAsync(ct);
                foreach (var b in phases.Where(b => !boundaries.TryGetValue(b.Task, out var known) || known != b.Iteration))
                {
                    boundaries[b.Task] = b.Iteration;
                    metricsDue = true;
                    yield return Event(b, "boundary", cursor);
                }

                var now = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => r.Status).FirstOrDefaultAsync(ct);
                if (now is null) yield break;
                if (now != status)
                {
                    status = now;
                    yield return Event(new RunStatusResponse(runId, now), "status", cursor);
                }
                // A final run takes no more data: the stream ends, and the client closes on the final status
                // and fetches the run's final report (checked as a complete log).
                if (RunStatus.IsFinal(now)) yield break;
                if (metricsDue)
                {
                    // The run's shared evaluator catches up once for all viewers; this viewer gets the rows it lacks.
                    var view = await live.ReadAsync(db, runId, metricsRows, ct, LiveMetricsEvent.CurveBuckets);
                    metricsRows = view.SettledRows;
                    metricsDue = false;
                    yield return Event(LiveMetricsEvent.From(view), "metrics", cursor);
                }
            }
            await WaitAsync(wake, time, ct);
        }
    }

    private static SseItem<object> Event(object data, string type, long cursor) =>
        new(data, type) { EventId = cursor.ToString(CultureInfo.InvariantCulture) };

    /// <summary>Waits for the notifier or the poll interval, whichever comes first.</summary>
    internal static async Task WaitAsync(Task wake, TimeProvider time, CancellationToken ct)
    {
        try
        {
            await wake.WaitAsync(PollInterval, time, ct);
        }
        catch (TimeoutException)
        {
            // Poll: the write may have come from another process.
        }
    }
}
