using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tests.Tracking;

public sealed class RunFinisherTests
{
    private static readonly ManualTimeProvider Clock = new();

    [Fact]
    public async Task FinishAsync_RunningRun_FinishesOnceAndAcceptsTheSameRepeat()
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        var run = await new RunCreator(db, Clock).CreateAsync(new NewRun("r"), null, default);
        var sut = new RunFinisher(db, Clock, new LiveRunMetrics(Clock));

        var status = await sut.FinishAsync(run.Id, "FAILED", "boom", default);
        var repeat = await sut.FinishAsync(run.Id, "failed", "boom", default);
        var other = await Assert.ThrowsAsync<TrackingException>(() => sut.FinishAsync(run.Id, "succeeded", null, default));

        Assert.Equal((RunStatus.Failed, RunStatus.Failed, "runId"), (status, repeat, other.Field));
        db.ChangeTracker.Clear();
        var stored = await db.Runs.SingleAsync();
        Assert.Equal((RunStatus.Failed, "boom", (DateTime?)Clock.GetUtcNow().UtcDateTime), (stored.Status, stored.Error, stored.FinishedAt));
    }

    [Theory]
    [InlineData(null, "status")]
    [InlineData("running", "status")]
    [InlineData("done", "status")]
    public async Task FinishAsync_NotAFinalStatus_ThrowsAndRunKeepsRunning(string? status, string field)
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        var run = await new RunCreator(db, Clock).CreateAsync(new NewRun("r"), null, default);

        var e = await Assert.ThrowsAsync<TrackingException>(() => new RunFinisher(db, Clock, new LiveRunMetrics(Clock)).FinishAsync(run.Id, status, null, default));

        Assert.Equal(field, e.Field);
        db.ChangeTracker.Clear();
        Assert.Equal(RunStatus.Running, (await db.Runs.SingleAsync()).Status);
    }

    [Fact]
    public async Task FinishAsync_UnknownRun_ThrowsNamingRun()
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();

        var e = await Assert.ThrowsAsync<TrackingException>(() => new RunFinisher(db, Clock, new LiveRunMetrics(Clock)).FinishAsync(7, "succeeded", null, default));

        Assert.Equal("runId", e.Field);
    }
}
