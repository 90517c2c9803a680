using ContinualDash.Core.Runs;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.Faults;

/// <summary>
/// The server process killed (SIGKILL) while 20 loggers post at once, so that their batches share group
/// commits (issue 14): a group is one transaction, so the kill leaves every acknowledged batch and no part of
/// any batch; the loggers' retries with the same keys then complete each run exactly once.
/// </summary>
public sealed class GroupCommitKillTests
{
    private const int Loggers = 20;
    private const int Batches = 40;
    private const int BatchSize = 50;

    /// <summary>Acknowledged batches of all loggers together at which the server is killed: a quarter of the way.</summary>
    private const int KillAfter = Loggers * Batches / 4;

    /// <summary>A logger that gets this far before the kill waits for it, so every run is still unfinished when the
    /// server dies, however unevenly the loggers progress.</summary>
    private const int WaitAt = Batches * 3 / 4;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ServerKilledWhileTwentyLoggersPost_StoresWholeAcknowledgedBatches_AndRetriesCompleteEachRunOnce(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        var token = await FaultServer.CreateTokenAsync(database);
        var port = ServerProcess.FreePort();
        var server = await ServerProcess.StartAsync(database, port);
        using var http = FaultServer.Client(server.Url, token);
        var loggers = Enumerable.Range(0, Loggers).Select(n => new HttpRunLogger(http, $"group-kill-{n}")).ToArray();
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        try
        {
            // Every run exists before any logger posts, so each one is part of the kill.
            await Task.WhenAll(loggers.Select(l => l.CreateAsync(stop.Token)));
            var logging = loggers.Select(logger => Task.Run(async () =>
            {
                for (var i = 0; i < Batches; i++)
                {
                    if (i == WaitAt) await killed.Task.WaitAsync(stop.Token);
                    await logger.PostBatchAsync(i, BatchSize, stop.Token);
                }
                await logger.FinishAsync(stop.Token);
            })).ToArray();

            while (loggers.Sum(l => l.AcknowledgedBatches) < KillAfter)
            {
                if (logging.FirstOrDefault(t => t.IsFaulted) is { } failed) await failed;
                await Task.Delay(2, stop.Token);
            }
            await server.KillAsync();
            // Read after the kill: an answer still in a socket buffer can arrive now, but was sent after its commit.
            var acknowledged = loggers.Select(l => l.AcknowledgedPoints).ToArray();
            killed.SetResult();

            await using (var db = database.CreateContext())
                foreach (var (logger, acked) in loggers.Zip(acknowledged))
                {
                    var stored = (await StoredPoints.AllAsync(db, logger.RunId)).Count;
                    var keys = await db.MetricBatches.CountAsync(b => b.RunId == logger.RunId);
                    Assert.True(stored >= acked, $"{logger.Name}: {acked} points acknowledged before the kill, {stored} stored");
                    // At most the one batch the logger had in flight is stored without its answer.
                    Assert.True(stored <= acked + BatchSize, $"{logger.Name}: {acked} points acknowledged, {stored} stored");
                    Assert.True(stored % BatchSize == 0, $"{logger.Name}: {stored} points stored, not whole batches of {BatchSize}");
                    // A batch's key and its points commit together.
                    Assert.True(keys * BatchSize == stored, $"{logger.Name}: {keys} batch keys stored with {stored} points");
                }

            // Restart once every logger has been refused at least once: each then posts into the outage.
            while (loggers.Any(l => l.FailedAttempts == 0)) await Task.Delay(10, stop.Token);
            await server.DisposeAsync();
            server = await ServerProcess.StartAsync(database, port);
            await Task.WhenAll(logging);
        }
        finally
        {
            // After a failure, loggers still retrying stop here rather than outlive the test.
            await stop.CancelAsync();
            await server.DisposeAsync();
        }

        await using var check = database.CreateContext();
        foreach (var logger in loggers)
        {
            Assert.Equal(Batches * BatchSize, logger.AcknowledgedPoints);
            Assert.Equal(RunStatus.Succeeded, await check.Runs.Where(r => r.Id == logger.RunId).Select(r => r.Status).SingleAsync());
            var iterations = (await StoredPoints.AllAsync(check, logger.RunId)).Select(p => p.Iteration);
            Assert.Equal(Enumerable.Range(0, Batches * BatchSize).Select(i => (long)i), iterations.Order());
            Assert.Equal(Batches, await check.MetricBatches.CountAsync(b => b.RunId == logger.RunId));
        }
    }
}
