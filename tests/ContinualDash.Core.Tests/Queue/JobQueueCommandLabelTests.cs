using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Queue;
using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static System.Threading.CancellationToken;

namespace ContinualDash.Core.Tests.Queue;

/// <summary>With the default options a command job goes only to a worker that offers the <c>commands</c> label.</summary>
public sealed class JobQueueCommandLabelTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ClaimAsync_CommandJobDefaultOptions_OnlyWorkerOfferingCommandsLabelTakesIt(string provider)
    {
        await using var f = await QueueFixture.CreateAsync(provider);
        var job = await f.EnqueueAsync(labels: "gpu");
        var queue = Queue(f);

        Assert.Null(await queue.ClaimAsync("a", "a", "gpu", None));
        Assert.Null(await queue.ClaimAsync("b", "b", "", None));
        Assert.Equal(RunStatus.Queued, (await f.Context().Jobs.AsNoTracking().SingleAsync()).Status);

        Assert.Equal(job, (await queue.ClaimAsync("c", "c", "commands gpu", None))?.JobId);
    }

    [Fact]
    public async Task ClaimAsync_BuiltinJobDefaultOptions_WorkerWithoutCommandsLabelTakesIt()
    {
        await using var f = await QueueFixture.CreateAsync("Sqlite");
        var (job, _) = await Queue(f).EnqueueAsync(new JobRequest(JobKind.Builtin, "{}", "builtin"), None);

        Assert.Equal(job, (await Queue(f).ClaimAsync("a", "a", "", None))?.JobId);
    }

    private static JobQueue Queue(QueueFixture f)
    {
        var options = Options.Create(new QueueOptions());
        return new JobQueue(f.Context(), f.Clock, options, new RetryBackoff(options, new Random(7)), new LiveRunMetrics(f.Clock));
    }
}
