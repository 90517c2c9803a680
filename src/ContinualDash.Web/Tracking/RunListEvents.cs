using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using ContinualDash.Core.Data;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tracking;

/// <summary>
/// The run list's Server-Sent Events: a <c>snapshot</c> of the unfinished runs, then a <c>status</c> event per
/// change (new runs included). Every event's id is the <see cref="RunListCursor"/> after it, so a client that
/// reconnects with <c>Last-Event-ID</c> gets exactly the changes it missed, without a new snapshot.
/// </summary>
internal static class RunListEvents
{
    public static Results<ServerSentEventsResult<object>, ProblemHttpResult> Open(
        HttpRequest request, IServiceScopeFactory scopes, TrackingNotifier notifier, TimeProvider time, CancellationToken ct)
    {
        var header = request.Headers["Last-Event-ID"].ToString();
        RunListCursor? resume = null;
        if (header.Length > 0 && !RunListCursor.TryParse(header, out resume))
            return TrackingProblems.Invalid("Last-Event-ID", "must be the id of an event of this stream");
        return TypedResults.ServerSentEvents(Stream(resume, scopes, notifier, time, ct));
    }

    private static async IAsyncEnumerable<SseItem<object>> Stream(
        RunListCursor? resume, IServiceScopeFactory scopes, TrackingNotifier notifier, TimeProvider time,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var known = resume;
        while (!ct.IsCancellationRequested)
        {
            var wake = notifier.NextStatusChange;
            List<(long Id, string Status)> changes = [];
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<DashDbContext>();
                if (known is null)
                {
                    // A fresh client learns where it starts: the unfinished runs as they are now.
                    known = await CurrentAsync(db, ct);
                    yield return new SseItem<object>(known.Open.Select(kv => new RunStatusResponse(kv.Key, kv.Value)).ToList(), "snapshot")
                        { EventId = known.Encode() };
                }
                else
                {
                    changes = await ChangesAsync(db, known, ct);
                }
            }
            foreach (var (id, status) in changes)
            {
                known.Apply(id, status);
                yield return new SseItem<object>(new RunStatusResponse(id, status), "status") { EventId = known.Encode() };
            }
            // Status changes wake the list; the poll is for writes that did not pass through this process.
            await RunEventStreams.WaitAsync(wake, RunEventStreams.PollInterval, time, ct);
        }
    }

    private static async Task<RunListCursor> CurrentAsync(DashDbContext db, CancellationToken ct)
    {
        // The newest id first: a run created after it has a higher id and comes as a change in the next round.
        var max = await db.Runs.MaxAsync(r => (long?)r.Id, ct) ?? 0;
        var open = await db.Runs.AsNoTracking()
            .Where(r => r.Id <= max && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running))
            .Select(r => new { r.Id, r.Status }).ToListAsync(ct);
        return new RunListCursor(max, new SortedDictionary<long, string>(open.ToDictionary(r => r.Id, r => r.Status)));
    }

    /// <summary>Runs newer than the client's newest and known unfinished runs whose status moved, in id order.</summary>
    private static async Task<List<(long Id, string Status)>> ChangesAsync(DashDbContext db, RunListCursor known, CancellationToken ct)
    {
        var max = known.Max;
        var current = await db.Runs.AsNoTracking()
            .Where(r => r.Id > max || r.Status == RunStatus.Queued || r.Status == RunStatus.Running)
            .Select(r => new { r.Id, r.Status }).ToDictionaryAsync(r => r.Id, r => r.Status, ct);
        // Known unfinished runs missing above have finished since (or were deleted: then nothing is sent).
        var finished = known.Open.Keys.Where(id => !current.ContainsKey(id)).ToList();
        foreach (var chunk in finished.Chunk(500))
        {
            foreach (var run in await db.Runs.AsNoTracking().Where(r => chunk.Contains(r.Id))
                         .Select(r => new { r.Id, r.Status }).ToListAsync(ct))
                current[run.Id] = run.Status;
        }
        return current
            // An unfinished run at or below max that the client does not know committed after a newer one
            // (PostgreSQL ids become visible out of order): it is news to the client as well.
            .Where(kv => kv.Key > max || !known.Open.TryGetValue(kv.Key, out var before) || before != kv.Value)
            .OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList();
    }
}
