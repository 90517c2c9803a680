using ContinualDash.Core.Access;
using ContinualDash.Core.Queue;
using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ContinualDash.Testing;

namespace ContinualDash.Web.Tests.Queue;

public sealed class WorkerFailureTests
{
    [Fact]
    public async Task RemoteWorkerKilledMidRun_JobRequeuedAfterTimeout_SucceedsOnNextAttempt()
    {
        await using var factory = new QueueFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var server = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        var token = await factory.CreateTokenAsync(ApiTokenKind.Worker);
        // Attempt 1 reports a point and then hangs until killed; attempt 2 reports and succeeds.
        var (jobId, runId) = await factory.EnqueueAsync(new CommandSpec(["/bin/sh", "-c", """
            echo "{\"metric\":\"accuracy\",\"task\":0,\"iteration\":1,\"value\":0.$CONTINUALDASH_ATTEMPT}"
            if [ "$CONTINUALDASH_ATTEMPT" = "1" ]; then sleep 120; fi
            echo '{"metric":"accuracy","task":0,"iteration":2,"value":0.9}'
            """]), labels: ["remote"], maxAttempts: 2);

        using var first = WorkerProcess.Start(server, token, "remote");
        await first.WaitUntilAsync(factory.CreateDbContext, async db => (await StoredPoints.AllAsync(db)).Any(p => p.Attempt == 1));
        await first.KillAsync();

        // Before the invisibility timeout the job still belongs to the dead worker.
        await using (var db = factory.CreateDbContext())
        {
            // Anonymous types, not tuples, in the SQL projection: Npgsql cannot read a ROW() as a ValueTuple.
            var job = await db.Jobs.Where(j => j.Id == jobId).Select(j => new { j.Status, j.Attempt }).SingleAsync();
            Assert.Equal((RunStatus.Running, 1), (job.Status, job.Attempt));
        }
        factory.Clock.Advance(factory.Services.GetRequiredService<IOptions<QueueOptions>>().Value.InvisibilityTimeout + TimeSpan.FromSeconds(1));
        using var second = WorkerProcess.Start(server, token, "remote");
        await second.WaitUntilAsync(factory.CreateDbContext, db => db.Runs.AnyAsync(r => r.Id == runId && r.Status != RunStatus.Running && r.Status != RunStatus.Queued));

        await using var check = factory.CreateDbContext();
        var run = await check.Runs.AsNoTracking().SingleAsync();
        Assert.Equal((RunStatus.Succeeded, 2), (run.Status, run.Attempt));
        var points = (await StoredPoints.AllAsync(check)).OrderBy(p => p.Attempt).ThenBy(p => p.Iteration).ToList();
        // The dead attempt's point stays, labelled with its attempt.
        Assert.Equal([(1, 1L, 0.1), (2, 1L, 0.2), (2, 2L, 0.9)], points.Select(p => (p.Attempt, p.Iteration, p.Value)));
    }
}
