using System.Diagnostics;
using ContinualDash.Core.Access;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Bench.Load;

/// <summary>
/// One load run on one provider: a fresh database, the real server as a child process (this build's or
/// <c>--baseline</c>'s), N loggers posting batches as fast as the server acknowledges them, M event-stream
/// subscribers and a run churn for the run list; then every run is finished and the stored point count is
/// compared with what the server acknowledged.
/// </summary>
internal static class LoadRun
{
    /// <summary>Runs created or finished at once before and after the window: 500 loggers one by one would
    /// take seconds on SQLite, all at once would queue behind the single writer.</summary>
    private static readonly ParallelOptions Setup = new() { MaxDegreeOfParallelism = 16 };

    public static async Task<LoadResult> RunAsync(string provider, LoadOptions options, string build, string? webDll)
    {
        await using var database = TestDatabase.Create(provider);
        // The server migrates with its own migrations (a baseline may not know this build's); the token is
        // written after that.
        await using var server = await ServerProcess.StartAsync(database, ServerProcess.FreePort(),
            new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" }, webDll);
        string token;
        await using (var db = database.CreateContext())
            (_, token) = await new ApiTokenService(db, TimeProvider.System).CreateAsync("load", ApiTokenKind.User, null, null, default);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromMinutes(2),
        };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var loggers = Enumerable.Range(0, options.Loggers).Select(i => new HttpRunLogger(http, $"load-{i}")).ToArray();
        var setup = Stopwatch.StartNew();
        await Parallel.ForEachAsync(loggers, Setup, async (logger, ct) => await logger.CreateAsync(ct));
        var created = setup.Elapsed;

        // Most browsers watch one run each; every fifth watches the run list instead.
        using var listStreams = new CancellationTokenSource();
        var subscribers = Enumerable.Range(0, options.Subscribers).Select(i => i % 5 == 4
            ? (Stream: new SseSubscriber(http, "/api/runs/events"), List: true)
            : (Stream: new SseSubscriber(http, $"/api/runs/{loggers[i % loggers.Length].RunId}/events"), List: false)).ToArray();
        var watching = subscribers.Select(s => s.Stream.RunAsync(s.List ? listStreams.Token : default)).ToArray();
        var lists = subscribers.Where(s => s.List).Select(s => s.Stream).ToArray();
        // Churn starts after the snapshots, so every churn run reaches the lists as status events.
        await Task.WhenAll(lists.Select(l => l.Opened)).WaitAsync(TimeSpan.FromMinutes(1));

        var before = await IngestCounters.ReadAsync(http, default);
        var churn = new RunChurn(http);
        var latencies = new List<double>[loggers.Length];
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(options.Seconds);
        var churning = churn.RunAsync(clock, deadline, default);
        await Task.WhenAll(loggers.Select((logger, n) => Task.Run(async () =>
        {
            var mine = latencies[n] = [];
            for (var batch = 0; clock.Elapsed < deadline; batch++)
            {
                var start = Stopwatch.GetTimestamp();
                await logger.PostBatchAsync(batch, options.BatchSize, default);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })));
        var elapsed = clock.Elapsed;
        var after = await IngestCounters.ReadAsync(http, default);
        await churning;

        // Finishing ends each run's stream once it has sent every point and the final status.
        await Parallel.ForEachAsync(loggers, Setup, async (logger, ct) => await logger.FinishAsync(ct));
        await Task.WhenAll(watching.Where((_, i) => !subscribers[i].List)).WaitAsync(TimeSpan.FromMinutes(2));
        // The run list has no end: wait (a bounded time) until it has shown every churn run finished.
        var waitLists = Stopwatch.StartNew();
        while (!churn.AllFinishedSeen(lists) && waitLists.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50);
        await listStreams.CancelAsync();
        await Task.WhenAll(watching);

        long stored;
        await using (var db = database.CreateContext())
            stored = await db.MetricChunks.SumAsync(c => (long?)c.Count) ?? 0;
        var runStreams = subscribers.Where(s => !s.List).Select(s => s.Stream).ToArray();
        var expectedStreamPoints = subscribers.Select((s, i) => s.List ? 0L : loggers[i % loggers.Length].AcknowledgedPoints).Sum();
        // Churn runs log no points, so they count in errors and busy retries but not in stored vs acknowledged.
        var clients = loggers.Concat(churn.Runs).ToArray();
        return new LoadResult(
            provider, build, options, created, elapsed,
            Acknowledged: loggers.Sum(l => (long)l.AcknowledgedPoints),
            Batches: loggers.Sum(l => l.AcknowledgedBatches),
            Stored: stored,
            Errors: clients.Sum(l => l.FailedAttempts - l.BusyRetries) + subscribers.Count(s => s.Stream.Error is not null),
            BusyRetries: clients.Sum(l => l.BusyRetries),
            LatencyMs: [.. latencies.SelectMany(l => l)],
            SseEvents: subscribers.Sum(s => s.Stream.Events),
            SsePoints: runStreams.Sum(s => s.Points),
            SseExpectedPoints: expectedStreamPoints,
            SseLagMs: [.. runStreams.SelectMany(s => s.LagMs)],
            ListLagMs: [.. lists.SelectMany(churn.LagMs)],
            ListChanges: churn.Changes * lists.Length,
            Ingest: before is not null && after is not null ? after.Since(before) : null);
    }
}
