using ContinualDash.Core.Runs;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.Faults;

/// <summary>The server process killed (SIGKILL) and started again while two runs log through the HTTP API.</summary>
public sealed class ServerKillTests
{
    private const int Batches = 30;
    private const int BatchSize = 100;

    [Fact]
    public async Task ServerKilledWhileTwoRunsLog_AfterRestart_EveryAcknowledgedPointIsStoredOnceAndBothRunsFinish()
    {
        await using var database = TestDatabase.Create();
        var token = await FaultServer.CreateTokenAsync(database);
        var port = ServerProcess.FreePort();
        var server = await ServerProcess.StartAsync(database, port);
        using var http = FaultServer.Client(server.Url, token);
        var loggers = new[] { new HttpRunLogger(http, "kill-a"), new HttpRunLogger(http, "kill-b") };
        using var halfway = new CountdownEvent(loggers.Length);
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        // kill-a pauses at a third until the server is dead, so it surely posts into the outage; kill-b keeps
        // posting, so the kill may also cut one of its requests in flight.
        var logging = loggers.Select((logger, n) => Task.Run(async () =>
        {
            await logger.CreateAsync(stop.Token);
            for (var i = 0; i < Batches; i++)
            {
                await logger.PostBatchAsync(i, BatchSize, stop.Token);
                if (i != Batches / 3) continue;
                halfway.Signal();
                if (n == 0) await killed.Task.WaitAsync(stop.Token);
            }
            await logger.FinishAsync(stop.Token);
        })).ToArray();

        try
        {
            await Task.Run(() => halfway.Wait(stop.Token));
            await server.KillAsync();
            // Read after the kill: an answer still in a socket buffer can arrive now, but was sent after its commit.
            var acknowledgedBeforeKill = loggers.Select(l => l.AcknowledgedPoints).ToArray();
            killed.SetResult();
            await using (var db = database.CreateContext())
                foreach (var (logger, acknowledged) in loggers.Zip(acknowledgedBeforeKill))
                    Assert.True((await StoredPoints.AllAsync(db, logger.RunId)).Count >= acknowledged,
                        $"{logger.Name}: points acknowledged before the kill are missing");
            // Restart only once kill-a has been refused at least once.
            while (loggers[0].FailedAttempts == 0) await Task.Delay(10, stop.Token);
            await server.DisposeAsync();
            server = await ServerProcess.StartAsync(database, port);
            await Task.WhenAll(logging);
        }
        finally
        {
            await server.DisposeAsync();
        }

        await using var check = database.CreateContext();
        foreach (var logger in loggers)
        {
            Assert.Equal(Batches * BatchSize, logger.AcknowledgedPoints);
            var run = await check.Runs.AsNoTracking().SingleAsync(r => r.Id == logger.RunId);
            Assert.Equal(RunStatus.Succeeded, run.Status);
            var iterations = (await StoredPoints.AllAsync(check, logger.RunId)).Select(p => p.Iteration);
            Assert.Equal(Enumerable.Range(0, Batches * BatchSize).Select(i => (long)i), iterations.Order());
            Assert.Equal(Batches, await check.MetricBatches.CountAsync(b => b.RunId == logger.RunId));
        }
    }
}
