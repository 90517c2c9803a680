using ContinualDash.Core.Queue;
using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;
using ContinualDash.Testing;

namespace ContinualDash.Web.Tests.Queue;

public sealed class InProcessWorkerServiceTests
{
    [Fact]
    public async Task InProcessSlot_QueuedCommandJob_RunsItAndRegistersAsInProcessWorker()
    {
        await using var factory = new QueueFactory { InProcessSlots = 1 };
        var (jobId, _) = await factory.EnqueueAsync(new CommandSpec(["/bin/sh", "-c",
            """echo '{"metric":"accuracy","task":0,"iteration":5,"value":0.75}'"""]));

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            await using var db = factory.CreateDbContext();
            if (await db.Jobs.AnyAsync(j => j.Id == jobId && j.FinishedAt != null)) break;
            await Task.Delay(50, deadline.Token);
        }

        await using var check = factory.CreateDbContext();
        Assert.Equal(RunStatus.Succeeded, await check.Runs.Select(r => r.Status).SingleAsync());
        Assert.Equal(0.75, (await StoredPoints.AllAsync(check)).Single().Value);
        var worker = await check.Workers.AsNoTracking().SingleAsync();
        Assert.True(worker.InProcess);
        Assert.Equal(1, worker.Slots);
    }
}
