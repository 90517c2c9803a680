using System.Collections.Concurrent;
using ContinualDash.Core.Queue;
using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tests.Queue;

public sealed class JobQueueClaimTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ClaimAsync_EightConcurrentClaimers_ClaimEveryJobExactlyOnce(string provider)
    {
        await using var f = await QueueFixture.CreateAsync(provider);
        for (var i = 0; i < 200; i++) await f.EnqueueAsync(priority: i % 3);
        var claims = new ConcurrentBag<(long JobId, string Worker)>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var queue = f.Queue();
            while (await queue.ClaimAsync($"w{w}", $"worker {w}", "", None) is { } job) claims.Add((job.JobId, $"w{w}"));
        })));

        Assert.Equal(200, claims.Count);
        Assert.Equal(200, claims.Select(c => c.JobId).Distinct().Count());
        await using var db = f.Context();
        var jobs = await db.Jobs.AsNoTracking().ToDictionaryAsync(j => j.Id);
        Assert.All(claims, c => Assert.Equal((RunStatus.Running, c.Worker, 1), (jobs[c.JobId].Status, jobs[c.JobId].WorkerId, jobs[c.JobId].Attempt)));
        Assert.Equal(200, await db.Runs.CountAsync(r => r.Status == RunStatus.Running && r.StartedAt != null));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ClaimAsync_LabelsNoWorkerOffers_StaysQueued(string provider)
    {
        await using var f = await QueueFixture.CreateAsync(provider);
        var gpuJob = await f.EnqueueAsync(labels: "gpu big");
        var queue = f.Queue();

        Assert.Null(await queue.ClaimAsync("a", "a", "", None));
        Assert.Null(await queue.ClaimAsync("b", "b", "gpu", None));
        Assert.Null(await queue.ClaimAsync("c", "c", "big cpu", None));
        f.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(RunStatus.Queued, (await f.Context().Jobs.AsNoTracking().SingleAsync()).Status);

        var claimed = await queue.ClaimAsync("d", "d", "big cpu gpu", None);
        Assert.Equal(gpuJob, claimed?.JobId);
    }

    [Fact]
    public async Task ClaimAsync_UnlabelledJob_AnyWorkerTakesIt()
    {
        await using var f = await QueueFixture.CreateAsync();
        var job = await f.EnqueueAsync();

        Assert.Equal(job, (await f.Queue().ClaimAsync("a", "a", "gpu", None))?.JobId);
    }

    [Fact]
    public async Task ClaimAsync_HigherPriority_ClaimedFirst()
    {
        await using var f = await QueueFixture.CreateAsync();
        var low = await f.EnqueueAsync(priority: 0);
        var high = await f.EnqueueAsync(priority: 5);
        var queue = f.Queue();

        Assert.Equal(high, (await queue.ClaimAsync("a", "a", "", None))?.JobId);
        Assert.Equal(low, (await queue.ClaimAsync("a", "a", "", None))?.JobId);
        Assert.Null(await queue.ClaimAsync("a", "a", "", None));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ClaimAsync_WhenHeartbeatExpired_ReclaimsAsNextAttempt(string provider)
    {
        await using var f = await QueueFixture.CreateAsync(provider);
        var jobId = await f.EnqueueAsync();
        var queue = f.Queue();
        var first = await queue.ClaimAsync("dead", "dead", "", None);
        var deadLease = new JobLease(jobId, "dead", 1);

        f.Clock.Advance(f.Options.Value.InvisibilityTimeout - TimeSpan.FromSeconds(1));
        Assert.Null(await queue.ClaimAsync("live", "live", "", None));
        f.Clock.Advance(TimeSpan.FromSeconds(2));
        var second = await queue.ClaimAsync("live", "live", "", None);

        Assert.Equal((jobId, 1), (first!.JobId, first.Attempt));
        Assert.Equal((jobId, 2), (second!.JobId, second.Attempt));
        Assert.Equal(LeaseState.Lost, await queue.HeartbeatAsync(deadLease, None));
        Assert.False(await queue.FinishAsync(deadLease, JobOutcome.Succeeded, null, None));
        var run = await f.Context().Runs.AsNoTracking().SingleAsync();
        Assert.Equal((RunStatus.Running, 2, "live"), (run.Status, run.Attempt, run.WorkerName));
    }

    [Fact]
    public async Task ClaimAsync_HeartbeatKeepsLease_NotReclaimed()
    {
        await using var f = await QueueFixture.CreateAsync();
        var jobId = await f.EnqueueAsync();
        var queue = f.Queue();
        await queue.ClaimAsync("w", "w", "", None);

        for (var i = 0; i < 5; i++)
        {
            f.Clock.Advance(f.Options.Value.InvisibilityTimeout / 2);
            Assert.Equal(LeaseState.Held, await queue.HeartbeatAsync(new JobLease(jobId, "w", 1), None));
        }
        Assert.Null(await queue.ClaimAsync("other", "other", "", None));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ClaimAsync_ExpiredOnLastAttempt_FailsJobAndRun(string provider)
    {
        await using var f = await QueueFixture.CreateAsync(provider);
        await f.EnqueueAsync(maxAttempts: 1);
        var queue = f.Queue();
        await queue.ClaimAsync("dead", "dead", "", None);

        f.Clock.Advance(f.Options.Value.InvisibilityTimeout + TimeSpan.FromSeconds(1));
        Assert.Null(await queue.ClaimAsync("live", "live", "", None));

        await using var db = f.Context();
        var job = await db.Jobs.AsNoTracking().SingleAsync();
        var run = await db.Runs.AsNoTracking().SingleAsync();
        Assert.Equal((RunStatus.Failed, RunStatus.Failed), (job.Status, run.Status));
        Assert.Equal(JobQueue.LostWorkerError, run.Error);
    }
}
