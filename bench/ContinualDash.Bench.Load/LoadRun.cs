using System.Diagnostics;
using ContinualDash.Core.Access;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Bench.Load;

/// <summary>
/// One load run on one provider: a fresh database, the real server as a child process, N loggers posting
/// batches as fast as the server acknowledges them, M event-stream subscribers; then every run is finished
/// and the stored point count is compared with what the server acknowledged.
/// </summary>
internal static class LoadRun
{
    public static async Task<LoadResult> RunAsync(string provider, LoadOptions options)
    {
        await using var database = TestDatabase.Create(provider);
        string token;
        await using (var db = await database.CreateMigratedContextAsync())
            (_, token) = await new ApiTokenService(db, TimeProvider.System).CreateAsync("load", ApiTokenKind.User, null, null, default);
        await using var server = await ServerProcess.StartAsync(database, ServerProcess.FreePort(),
            new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" });
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromMinutes(2),
        };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var loggers = Enumerable.Range(0, options.Loggers).Select(i => new HttpRunLogger(http, $"load-{i}")).ToArray();
        foreach (var logger in loggers) await logger.CreateAsync(default);

        // Most browsers watch one run each; every fifth watches the run list instead.
        using var listStreams = new CancellationTokenSource();
        var subscribers = Enumerable.Range(0, options.Subscribers).Select(i => i % 5 == 4
            ? (Stream: new SseSubscriber(http, "/api/runs/events"), List: true)
            : (Stream: new SseSubscriber(http, $"/api/runs/{loggers[i % loggers.Length].RunId}/events"), List: false)).ToArray();
        var watching = subscribers.Select(s => s.Stream.RunAsync(s.List ? listStreams.Token : default)).ToArray();

        var latencies = new List<double>[loggers.Length];
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(options.Seconds);
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

        // Finishing ends each run's stream once it has sent every point and the final status.
        foreach (var logger in loggers) await logger.FinishAsync(default);
        await Task.WhenAll(watching.Where((_, i) => !subscribers[i].List)).WaitAsync(TimeSpan.FromMinutes(2));
        await listStreams.CancelAsync();
        await Task.WhenAll(watching);

        long stored;
        await using (var db = database.CreateContext())
            stored = await db.MetricChunks.SumAsync(c => (long)c.Count);
        var runStreams = subscribers.Where(s => !s.List).Select(s => s.Stream).ToArray();
        var expectedStreamPoints = subscribers.Select((s, i) => s.List ? 0L : loggers[i % loggers.Length].AcknowledgedPoints).Sum();
        return new LoadResult(
            provider, options, elapsed,
            Acknowledged: loggers.Sum(l => (long)l.AcknowledgedPoints),
            Batches: loggers.Sum(l => l.AcknowledgedBatches),
            Stored: stored,
            Errors: loggers.Sum(l => l.FailedAttempts) + subscribers.Count(s => s.Stream.Error is not null),
            LatencyMs: [.. latencies.SelectMany(l => l)],
            SseEvents: subscribers.Sum(s => s.Stream.Events),
            SsePoints: runStreams.Sum(s => s.Points),
            SseExpectedPoints: expectedStreamPoints,
            SseLagMs: [.. runStreams.SelectMany(s => s.LagMs)]);
    }
}
