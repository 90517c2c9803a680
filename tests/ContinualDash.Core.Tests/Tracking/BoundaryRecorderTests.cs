using ContinualDash.Core.Data;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tests.Tracking;

public sealed class BoundaryRecorderTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task RecordAsync_IncreasingBoundaries_StoresEachAndAcceptsARepeat()
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        var runId = await AddRunAsync(db, declaredTasks: 0);
        var sut = new BoundaryRecorder(db, new LiveRunMetrics(TimeProvider.System));

        await sut.RecordAsync(runId, 0, 469, CancellationToken.None);
        await sut.RecordAsync(runId, 1, 939, CancellationToken.None);
        await sut.RecordAsync(runId, 1, 939, CancellationToken.None);

        var stored = await db.TaskPhases.AsNoTracking().OrderBy(p => p.TaskIndex).Select(p => p.BoundaryIteration).ToListAsync();
        Assert.Equal([469L, 939L], stored);
    }

    [Theory]
    [InlineData(1, 400L, "iteration")] // before task 0's boundary
    [InlineData(0, 470L, "iteration")] // moves an existing boundary
    [InlineData(3, 1000L, "task")]     // beyond the 3 declared tasks
    [InlineData(-1, 1000L, "task")]
    [InlineData(2, -5L, "iteration")]
    public async Task RecordAsync_BadBoundary_ThrowsNamingFieldAndStoresNothing(int task, long iteration, string field)
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        var runId = await AddRunAsync(db, declaredTasks: 3);
        var sut = new BoundaryRecorder(db, new LiveRunMetrics(TimeProvider.System));
        await sut.RecordAsync(runId, 0, 469, CancellationToken.None);

        var error = await Assert.ThrowsAsync<TrackingException>(() => sut.RecordAsync(runId, task, iteration, CancellationToken.None));

        Assert.Equal(field, error.Field);
        db.ChangeTracker.Clear();
        Assert.Equal([469L, null, null], await db.TaskPhases.OrderBy(p => p.TaskIndex).Select(p => p.BoundaryIteration).ToListAsync());
    }

    [Fact]
    public async Task RecordAsync_FinishedOrUnknownRun_IsRefused()
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        var runId = await AddRunAsync(db, declaredTasks: 0);
        var run = await db.Runs.SingleAsync();
        run.Finish(RunStatus.Cancelled, Now);
        await db.SaveChangesAsync();
        var sut = new BoundaryRecorder(db, new LiveRunMetrics(TimeProvider.System));

        Assert.Equal("runId", (await Assert.ThrowsAsync<TrackingException>(() => sut.RecordAsync(runId, 0, 1, CancellationToken.None))).Field);
        Assert.Equal("runId", (await Assert.ThrowsAsync<TrackingException>(() => sut.RecordAsync(999, 0, 1, CancellationToken.None))).Field);
        Assert.Equal(0, await db.TaskPhases.CountAsync());
    }

    private static async Task<long> AddRunAsync(DashDbContext db, int declaredTasks)
    {
        var run = new Run("r", Now);
        run.Start(Now, null);
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        for (var k = 0; k < declaredTasks; k++) db.TaskPhases.Add(new TaskPhase { RunId = run.Id, TaskIndex = k, Name = $"Task {k}" });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return run.Id;
    }
}
