using System.Globalization;
using System.Text.Json;
using ContinualDash.Core.Runs;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.Faults;

/// <summary>
/// A run's event stream across a crash of the server (issue 14): three writers post keyed batches to one run
/// while a viewer follows it the way a browser's EventSource does; the server process is killed (SIGKILL)
/// midway and started again on the same port and database. The viewer reconnects with <c>Last-Event-ID</c>,
/// the writers resend what was not acknowledged, and across both connections the viewer gets every stored
/// point exactly once, in storage order: none skipped, none repeated.
/// </summary>
public sealed class StreamAcrossRestartTests
{
    private const int Writers = 3;
    private const int BatchesPerWriter = 60;
    private const int BatchSize = 50;
    private const int Points = Writers * BatchesPerWriter * BatchSize;

    /// <summary>Writers 0 and 1 stop before this batch until the server is dead, so they post into the outage
    /// and retry; writer 2 goes on, so the kill may cut one of its requests (and a commit's fan-out) in flight.</summary>
    private const int KillAt = BatchesPerWriter / 3;

    /// <summary>Every writer stops before this batch until the viewer's second connection is open, so points
    /// also reach that connection live from the writer, not only from its catch-up read.</summary>
    private const int ResumeAt = BatchesPerWriter * 2 / 3;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task RunEvents_ServerKilledWhileThreeWritersPostToOneRun_ReconnectingViewerGetsEveryStoredPointOnceInIdOrder(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        var token = await FaultServer.CreateTokenAsync(database);
        var port = ServerProcess.FreePort();
        var server = await ServerProcess.StartAsync(database, port);
        using var http = FaultServer.Client(server.Url, token);
        using var viewerHttp = FaultServer.Client(server.Url, token);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var owner = new HttpRunLogger(http, "stream-restart");
        HttpRunLogger[] writers;
        ResumingEventStream viewer;
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        List<long> exported;

        try
        {
            await owner.CreateAsync(stop.Token);
            writers = [.. Enumerable.Range(0, Writers).Select(w => new HttpRunLogger(http, $"stream-restart-w{w}", owner.RunId))];
            viewer = new ResumingEventStream(viewerHttp, $"/api/runs/{owner.RunId}/events");
            var reading = viewer.ReadToFinalStatusAsync(stop.Token);
            // The first event comes after the stream subscribed: it follows the run's commits from here on.
            await viewer.FirstEventOn(1).WaitAsync(stop.Token);

            var writing = writers.Select((writer, w) => Task.Run(async () =>
            {
                for (var b = 0; b < BatchesPerWriter; b++)
                {
                    if (b == KillAt && w < Writers - 1) await killed.Task.WaitAsync(stop.Token);
                    if (b == ResumeAt) await viewer.FirstEventOn(2).WaitAsync(stop.Token);
                    // Batch indexes of their own: disjoint iterations and keys per writer.
                    await writer.PostBatchAsync(w * BatchesPerWriter + b, BatchSize, stop.Token);
                }
            })).ToArray();
            Task[] running = [reading, .. writing];

            // Midway: writers 0 and 1 at their stop, and points already streamed.
            await WaitUntilAsync(() => writers[0].AcknowledgedBatches >= KillAt && writers[1].AcknowledgedBatches >= KillAt
                && viewer.ReceivedPoints >= KillAt * BatchSize, running, stop.Token);
            await server.KillAsync();
            killed.SetResult();

            // Restart once writer 0 and the viewer have each been refused at least once.
            await WaitUntilAsync(() => writers[0].FailedAttempts > 0 && viewer.FailedConnects > 0, running, stop.Token);
            await server.DisposeAsync();
            server = await ServerProcess.StartAsync(database, port);

            await Task.WhenAll(writing);
            await owner.FinishAsync(stop.Token);
            // The stream ends after the final status event.
            await reading;

            using var export = JsonDocument.Parse(await http.GetStringAsync($"/api/runs/{owner.RunId}/export?format=json", stop.Token));
            exported = [.. export.RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetInt64())];
        }
        finally
        {
            // After a failure, writers and the viewer still retrying stop here rather than outlive the test.
            await stop.CancelAsync();
            await server.DisposeAsync();
        }

        await using var db = database.CreateContext();
        var stored = await StoredPoints.AllAsync(db, owner.RunId);
        var streamed = viewer.Points;
        var streamedIds = streamed.Select(p => p.Id).ToList();

        // Every batch acknowledged and stored once.
        Assert.All(writers, w => Assert.Equal(BatchesPerWriter * BatchSize, w.AcknowledgedPoints));
        Assert.Equal(Writers * BatchesPerWriter, await db.MetricBatches.CountAsync(b => b.RunId == owner.RunId));
        Assert.Equal(Enumerable.Range(0, Points).Select(i => (long)i), stored.Select(p => p.Iteration).Order());
        Assert.Equal(RunStatus.Succeeded, viewer.FinalStatus);

        // The viewer really lost its connection, came back with the id of the last point it had, and got
        // points on both sides of the restart.
        var connections = viewer.Connections;
        Assert.True(connections >= 2, $"the viewer connected {connections} time(s)");
        var sent = viewer.SentLastEventIds;
        Assert.Null(sent[0]);
        for (var c = 2; c <= connections; c++)
        {
            var lastBefore = streamed.Last(p => p.Connection < c).Id.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(lastBefore, sent[c - 1]);
        }
        Assert.Contains(streamed, p => p.Connection == 1);
        Assert.Contains(streamed, p => p.Connection >= 2);

        // Across connections: no repeat, no gap, storage order, the same points as the export.
        for (var i = 1; i < streamed.Count; i++)
            Assert.True(streamed[i].Id > streamed[i - 1].Id,
                $"point {streamed[i].Id} (connection {streamed[i].Connection}) follows {streamed[i - 1].Id} (connection {streamed[i - 1].Connection})");
        var missing = stored.Select(p => p.Id).Except(streamedIds).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} stored points never streamed, the first {string.Join(", ", missing.Take(5))}");
        Assert.Equal(stored.Select(p => p.Id), streamedIds);
        Assert.Equal(stored.Select(p => p.Iteration), streamed.Select(p => p.Iteration));
        Assert.Equal(stored.Select(p => p.Id), exported);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Task[] running, CancellationToken ct)
    {
        while (!condition())
        {
            if (running.FirstOrDefault(t => t.IsFaulted) is { } failed) await failed;
            await Task.Delay(5, ct);
        }
    }
}
