using ContinualDash.Core.Access;
using ContinualDash.Core.Data;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Queue;
using ContinualDash.Core.RunLogs;
using ContinualDash.Core.Tests.Queue;
using ContinualDash.Core.Tracking;
using ContinualDash.Core.Workers;
using Microsoft.EntityFrameworkCore;
using ContinualDash.Testing;

namespace ContinualDash.Core.Tests.Workers;

public sealed class WorkerProtocolTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ReportMetricsAsync_DuplicateAndOutOfOrderBatches_StoresEachBatchOnce(string provider)
    {
        await using var f = await QueueFixture.CreateAsync(provider);
        await f.EnqueueAsync();
        var (protocol, db) = Create(f);
        var job = await RegisterAndClaimAsync(protocol);
        var lease = new JobLease(job.JobId, "w1", job.Attempt);

        var second = await protocol.ReportMetricsAsync(lease, 1, [new("accuracy", 0, 20, 0.8)], None);
        var first = await protocol.ReportMetricsAsync(lease, 0, [new("accuracy", 0, 10, 0.9), new("loss", null, 10, 0.3)], None);
        var resent = await protocol.ReportMetricsAsync(lease, 0, [new("accuracy", 0, 10, 0.9), new("loss", null, 10, 0.3)], None);

        Assert.Equal((1, false), (second.Stored, second.Duplicate));
        Assert.Equal((2, false), (first.Stored, first.Duplicate));
        Assert.True(resent.Duplicate);
        var points = (await StoredPoints.AllAsync(db)).OrderBy(p => p.Iteration).ToList();
        Assert.Equal([10L, 10, 20], points.Select(p => p.Iteration));
        Assert.All(points, p => Assert.Equal(1, p.Attempt));
    }

    [Fact]
    public async Task ClaimAsync_CommandJob_HandsOutRunScopedToken()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.EnqueueAsync();
        var (protocol, db) = Create(f);

        var job = await RegisterAndClaimAsync(protocol);

        var token = await new ApiTokenService(db, f.Clock).FindAsync(job.RunToken!, None);
        Assert.Equal((ApiTokenKind.Run, (long?)job.RunId), (token!.Kind, token.RunId));
    }

    [Fact]
    public async Task ClaimAsync_UnregisteredWorker_NamesWorkerId()
    {
        await using var f = await QueueFixture.CreateAsync();
        var (protocol, _) = Create(f);

        var e = await Assert.ThrowsAsync<QueueException>(() => protocol.ClaimAsync("nobody", None));

        Assert.Equal("workerId", e.Field);
    }

    [Fact]
    public async Task ReportsAsync_AfterLeaseLost_Refused()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.EnqueueAsync();
        var (protocol, db) = Create(f);
        var job = await RegisterAndClaimAsync(protocol);
        var lease = new JobLease(job.JobId, "w1", job.Attempt);
        await protocol.FinishAsync(lease, JobOutcome.Succeeded, null, None);

        await Assert.ThrowsAsync<JobLeaseLostException>(() => protocol.ReportMetricsAsync(lease, 0, [new("a", 0, 1, 1)], None));
        await Assert.ThrowsAsync<JobLeaseLostException>(() => protocol.AppendLogAsync(lease, [new(0, "stdout", "x")], None));
        await Assert.ThrowsAsync<JobLeaseLostException>(() => protocol.ReportBoundaryAsync(lease, 0, 5, None));
        Assert.Equal(0, await StoredPoints.CountAsync(db));
    }

    [Fact]
    public async Task AppendLogAsync_ResentLines_StoredOnce()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.EnqueueAsync();
        var (protocol, db) = Create(f);
        var job = await RegisterAndClaimAsync(protocol);
        var lease = new JobLease(job.JobId, "w1", job.Attempt);

        Assert.Equal(2, await protocol.AppendLogAsync(lease, [new(0, "stdout", "a"), new(1, "stderr", "b")], None));
        Assert.Equal(1, await protocol.AppendLogAsync(lease, [new(1, "stderr", "b"), new(2, "stdout", "c")], None));

        var lines = await db.RunLogLines.AsNoTracking().OrderBy(l => l.Sequence).ToListAsync();
        Assert.Equal([("stdout", "a"), ("stderr", "b"), ("stdout", "c")], lines.Select(l => (l.Stream, l.Text)));
    }

    [Fact]
    public async Task ReportMetricsAsync_BadPoint_NamesFieldAndStoresNothing()
    {
        await using var f = await QueueFixture.CreateAsync();
        await f.EnqueueAsync();
        var (protocol, db) = Create(f);
        var job = await RegisterAndClaimAsync(protocol);

        var e = await Assert.ThrowsAsync<TrackingException>(() => protocol.ReportMetricsAsync(
            new JobLease(job.JobId, "w1", 1), 0, [new("acc", 0, 1, 0.5), new("acc", 0, 2, double.NaN)], None));

        Assert.Equal("points[1].value", e.Field);
        Assert.Equal(0, await StoredPoints.CountAsync(db));
    }

    [Fact]
    public async Task ReportAsync_StoredPointsBoundaryAndFinish_WakeTheEventStreams()
    {
        await using var f = await QueueFixture.CreateAsync("Sqlite");
        await f.EnqueueAsync();
        var notifier = new TrackingNotifier();
        var (protocol, _) = Create(f, notifier);
        var job = await RegisterAndClaimAsync(protocol);
        var lease = new JobLease(job.JobId, "w1", job.Attempt);

        var beforePoints = notifier.Next;
        await protocol.ReportMetricsAsync(lease, 0, [new("accuracy", 0, 10, 0.9)], None);
        var beforeResent = notifier.Next;
        await protocol.ReportMetricsAsync(lease, 0, [new("accuracy", 0, 10, 0.9)], None);
        var resentWoke = beforeResent.IsCompleted;
        var beforeBoundary = notifier.Next;
        await protocol.ReportBoundaryAsync(lease, 0, 10, None);
        var beforeFinish = notifier.Next;
        await protocol.FinishAsync(lease, JobOutcome.Succeeded, null, None);

        Assert.True(beforePoints.IsCompleted, "stored points wake the streams");
        Assert.False(resentWoke, "a resent batch stores nothing and wakes nobody");
        Assert.True(beforeBoundary.IsCompleted, "a boundary wakes the streams");
        Assert.True(beforeFinish.IsCompleted, "the final status wakes the streams");
    }

    private static (WorkerProtocol Protocol, DashDbContext Db) Create(QueueFixture f, TrackingNotifier? notifier = null)
    {
        var db = f.Context();
        var protocol = new WorkerProtocol(db, f.Queue(db), new WorkerRegistry(db, f.Clock), new MetricWriter(db, f.Clock),
            new BoundaryRecorder(db, new LiveRunMetrics(TimeProvider.System)), new RunLogWriter(db, f.Clock), new ApiTokenService(db, f.Clock), notifier ?? new TrackingNotifier());
        return (protocol, db);
    }

    private static async Task<JobAssignment> RegisterAndClaimAsync(WorkerProtocol protocol)
    {
        await protocol.RegisterAsync(new WorkerRegistration("w1", "worker one", [], 1), None);
        return await protocol.ClaimAsync("w1", None) ?? throw new InvalidOperationException("nothing claimed");
    }
}
