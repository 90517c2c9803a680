using ContinualDash.Core.Ingest;
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
    public async Task ReportAsync_StoredPointsBoundaryAndFinish_ReachTheRunsStreams()
    {
        await using var f = await QueueFixture.CreateAsync("Sqlite");
        await f.EnqueueAsync();
        var (protocol, _) = Create(f);
        var job = await RegisterAndClaimAsync(protocol);
        var lease = new JobLease(job.JobId, "w1", job.Attempt);
        using var feed = f.Notifier.Subscribe(job.RunId);
        feed.TakeChanged();

        await protocol.ReportMetricsAsync(lease, 0, [new("accuracy", 0, 10, 0.9)], None);
        Assert.True(feed.TryTake(out var points), "stored points reach the run's streams");
        var point = Assert.Single(points);
        Assert.Equal(("accuracy", 0, 10L, 0.9), (point.Name, point.Task!.Value, point.Iteration, point.Value));

        await protocol.ReportMetricsAsync(lease, 0, [new("accuracy", 0, 10, 0.9)], None);
        Assert.False(feed.TryTake(out _), "a resent batch stores nothing and sends nothing");
        Assert.False(feed.TakeChanged());

        await protocol.ReportBoundaryAsync(lease, 0, 10, None);
        Assert.True(feed.TakeChanged(), "a boundary reaches the run's streams");

        var listBefore = f.Notifier.NextStatusChange;
        await protocol.FinishAsync(lease, JobOutcome.Succeeded, null, None);
        Assert.True(feed.TakeChanged(), "the final status reaches the run's streams");
        Assert.True(listBefore.IsCompleted, "the final status wakes the run list");
    }

    private static (WorkerProtocol Protocol, DashDbContext Db) Create(QueueFixture f)
    {
        var db = f.Context();
        var ingest = new MetricIngest(() => f.Database.CreateContext(f.Notifier), f.Notifier, new SeriesIdCache(), f.Clock, new IngestOptions());
        var protocol = new WorkerProtocol(db, f.Queue(db), new WorkerRegistry(db, f.Clock), ingest,
            new BoundaryRecorder(db, new LiveRunMetrics(TimeProvider.System)), new RunLogWriter(db, f.Clock), new ApiTokenService(db, f.Clock));
        return (protocol, db);
    }

    private static async Task<JobAssignment> RegisterAndClaimAsync(WorkerProtocol protocol)
    {
        await protocol.RegisterAsync(new WorkerRegistration("w1", "worker one", [], 1), None);
        return await protocol.ClaimAsync("w1", None) ?? throw new InvalidOperationException("nothing claimed");
    }
}
