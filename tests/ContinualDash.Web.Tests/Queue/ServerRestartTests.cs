using System.Net;
using System.Net.Sockets;
using ContinualDash.Core.Access;
using ContinualDash.Core.Queue;
using ContinualDash.Core.Runs;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.Queue;

public sealed class ServerRestartTests
{
    [Fact]
    public async Task ServerRestartMidRun_RemoteWorkerRetries_RunCompletesWithEveryPoint()
    {
        await using var database = TestDatabase.Create();
        var port = FreePort();
        var gate = Path.Combine(Path.GetTempPath(), $"cdash-gate-{Guid.NewGuid():N}");
        string token;
        long runId;
        WorkerProcess worker;

        // First server: the worker claims the job, which reports a point and then waits for the gate file.
        var first = new QueueFactory { SharedDatabase = database };
        first.UseKestrel(port);
        first.StartServer();
        token = await first.CreateTokenAsync(ApiTokenKind.Worker);
        (_, runId) = await first.EnqueueAsync(new CommandSpec(["/bin/sh", "-c", $$"""
            echo '{"metric":"accuracy","task":0,"iteration":1,"value":0.5}'
            while [ ! -e '{{gate}}' ]; do sleep 0.1; done
            echo '{"metric":"accuracy","task":0,"iteration":2,"value":0.8}'
            """]));
        worker = WorkerProcess.Start($"http://127.0.0.1:{port}", token, "");
        try
        {
            await worker.WaitUntilAsync(() => database.CreateContext(), async db => await StoredPoints.CountAsync(db) > 0);

            // The server goes away; meanwhile the job prints its last point and exits.
            await first.DisposeAsync();
            await File.WriteAllTextAsync(gate, "");

            // A new server on the same address and database: the worker's retries get through.
            await using var second = new QueueFactory { SharedDatabase = database };
            second.UseKestrel(port);
            second.StartServer();
            await worker.WaitUntilAsync(() => database.CreateContext(), db => db.Runs.AnyAsync(r => r.Id == runId && r.FinishedAt != null));

            await using var check = database.CreateContext();
            Assert.Equal(RunStatus.Succeeded, await check.Runs.Where(r => r.Id == runId).Select(r => r.Status).SingleAsync());
            Assert.Equal([1L, 2], (await StoredPoints.AllAsync(check)).Select(p => p.Iteration).Order());
            Assert.True(await check.RunLogLines.CountAsync() >= 2);
        }
        finally
        {
            worker.Dispose();
            File.Delete(gate);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
