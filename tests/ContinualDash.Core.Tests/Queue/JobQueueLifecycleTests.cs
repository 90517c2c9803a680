using ContinualDash.Core.Access;
using ContinualDash.Core.Queue;
using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tests.Queue;

public sealed class JobQueueLifecycleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task FinishAsync_Succeeded_MarksJobAndRunSucceeded(string provider)
    {
        await using var f = await QueueFixture.CreateAsync(provider);
        var jobId = await f.EnqueueAsync();
        var queue = f.Queue();
        await queue.ClaimAsync("w", "w", "", None);

        Assert.True(await queue.FinishAsync(new JobLease(jobId, "w", 1), JobOutcome.Succeeded, null, None));
        Assert.False(await queue.FinishAsync(new JobLease(jobId, "w", 1), JobOutcome.Failed, "again", None));

        await using var db = f.Context();
        Assert.Equal(RunStatus.Succeeded, (await db.Jobs.AsNoTracking().SingleAsync()).Status);
        Assert.Equal(RunStatus.Succeeded, (await db.Runs.AsNoTracking().SingleAsync()).Status);
    }

    [Fact]
    public async Task FinishAsync_AnotherWorkersLease_ChangesNothing()
    {
        await using var f = await QueueFixture.CreateAsync();
        var jobId = await f.EnqueueAsync();
        var queue = f.Queue();
        await queue.ClaimAsync("w", "w", "", None);

        Assert.False(await queue.FinishAsync(new JobLease(jobId, "intruder", 1), JobOutcome.Succeeded, null, None));
        Assert.Equal(LeaseState.Lost, await queue.HeartbeatAsync(new JobLease(jobId, "w", 2), None));
        Assert.Equal(RunStatus.Running, (await f.Context().Jobs.AsNoTracking().SingleAsync()).Status);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task FinishAsync_FailedWithAttemptsLeft_RequeuesAfterBackoff(string provider)
    {
        await using var f = await QueueFixture.CreateAsync(provider);
        var jobId = await f.EnqueueAsync();
        var queue = f.Queue();
        await queue.ClaimAsync("w", "w", "", None);

        Assert.True(await queue.FinishAsync(new JobLease(jobId, "w", 1), JobOutcome.Failed, "boom", None));

        await using var db = f.Context();
        var job = await db.Jobs.AsNoTracking().SingleAsync();
        var run = await db.Runs.AsNoTracking().SingleAsync();
        Assert.Equal((RunStatus.Queued, 2, "boom"), (job.Status, job.Attempt, job.Error));
        Assert.Equal((RunStatus.Queued, 2), (run.Status, run.Attempt));
        var delay = job.NextAttemptAt - f.Clock.GetUtcNow().UtcDateTime;
        Assert.InRange(delay, f.Options.Value.RetryBaseDelay, f.Options.Value.RetryBaseDelay * 1.5);

        Assert.Null(await queue.ClaimAsync("w", "w", "", None));
        f.Clock.Advance(delay);
        var retried = await queue.ClaimAsync("w", "w", "", None);
        Assert.Equal((jobId, 2), (retried!.JobId, retried.Attempt));
    }

    [Fact]
    public async Task FinishAsync_FailedOnLastAttempt_MarksRunFailed()
    {
        await using var f = await QueueFixture.CreateAsync();
        var jobId = await f.EnqueueAsync(maxAttempts: 1);
        var queue = f.Queue();
        await queue.ClaimAsync("w", "w", "", None);

        Assert.True(await queue.FinishAsync(new JobLease(jobId, "w", 1), JobOutcome.Failed, "exit code 3", None));

        var run = await f.Context().Runs.AsNoTracking().SingleAsync();
        Assert.Equal((RunStatus.Failed, "exit code 3", 1), (run.Status, run.Error, run.Attempt));
    }

    [Fact]
    public async Task FinishAsync_AnyOutcome_RevokesRunTokens()
    {
        await using var f = await QueueFixture.CreateAsync();
        var jobId = await f.EnqueueAsync();
        await using var db = f.Context();
        var queue = f.Queue(db);
        var claimed = await queue.ClaimAsync("w", "w", "", None);
        var tokens = new ApiTokenService(db, f.Clock);
        var (_, secret) = await tokens.CreateAsync("job", ApiTokenKind.Run, claimed!.RunId, null, None);

        await queue.FinishAsync(new JobLease(jobId, "w", 1), JobOutcome.Succeeded, null, None);

        Assert.Null(await tokens.FindAsync(secret, None));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task CancelAsync_QueuedJob_CancelsAtOnce(string provider)
    {
        await using var f = await QueueFixture.CreateAsync(provider);
        var jobId = await f.EnqueueAsync();
        var queue = f.Queue();

        Assert.Equal(CancelResult.Cancelled, await queue.CancelAsync(jobId, None));
        Assert.Null(await queue.ClaimAsync("w", "w", "", None));
        Assert.Equal(CancelResult.NotCancellable, await queue.CancelAsync(jobId, None));
        Assert.Equal(RunStatus.Cancelled, (await f.Context().Runs.AsNoTracking().SingleAsync()).Status);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task CancelAsync_RunningJob_NextHeartbeatTellsWorker(string provider)
    {
        await using var f = await QueueFixture.CreateAsync(provider);
        var jobId = await f.EnqueueAsync();
        var queue = f.Queue();
        await queue.ClaimAsync("w", "w", "", None);
        var lease = new JobLease(jobId, "w", 1);

        Assert.Equal(CancelResult.Requested, await queue.CancelAsync(jobId, None));
        Assert.Equal(LeaseState.CancelRequested, await queue.HeartbeatAsync(lease, None));
        Assert.True(await queue.FinishAsync(lease, JobOutcome.Cancelled, null, None));

        var run = await f.Context().Runs.AsNoTracking().SingleAsync();
        Assert.Equal(RunStatus.Cancelled, run.Status);
    }

    [Fact]
    public async Task CancelAsync_RunningJobWhoseWorkerDied_CancelledAfterTimeout()
    {
        await using var f = await QueueFixture.CreateAsync();
        var jobId = await f.EnqueueAsync();
        var queue = f.Queue();
        await queue.ClaimAsync("dead", "dead", "", None);
        await queue.CancelAsync(jobId, None);

        f.Clock.Advance(f.Options.Value.InvisibilityTimeout * 2);
        Assert.Null(await queue.ClaimAsync("live", "live", "", None));

        Assert.Equal(RunStatus.Cancelled, (await f.Context().Jobs.AsNoTracking().SingleAsync()).Status);
    }

    [Theory]
    [InlineData("builtin", "[1, 2]", "payload")]
    [InlineData("builtin", "not json", "payload")]
    [InlineData("shell", "{}", "kind")]
    [InlineData("command", "{\"argv\":[]}", "payload.argv")]
    [InlineData("command", "not json", "payload")]
    public async Task EnqueueAsync_BadRequest_NamesFieldAndStoresNothing(string kind, string payload, string field)
    {
        await using var f = await QueueFixture.CreateAsync();

        var e = await Assert.ThrowsAsync<QueueException>(() => f.Queue().EnqueueAsync(new JobRequest(kind, payload), None));

        Assert.Equal(field, e.Field);
        Assert.Equal(0, await f.Context().Runs.CountAsync());
    }

    [Fact]
    public async Task EnqueueAsync_BadLabel_NamesLabels()
    {
        await using var f = await QueueFixture.CreateAsync();

        var e = await Assert.ThrowsAsync<QueueException>(() => f.Queue().EnqueueAsync(
            new JobRequest(JobKind.Command, QueueFixture.Command("true"), Labels: ["gpu", "no/slash"]), None));

        Assert.Equal("labels", e.Field);
    }
}
