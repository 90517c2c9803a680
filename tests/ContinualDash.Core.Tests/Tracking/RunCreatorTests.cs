using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tests.Tracking;

public sealed class RunCreatorTests
{
    private static readonly ManualTimeProvider Clock = new();

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task CreateAsync_WithExperimentTagsAndTasks_StoresRunningRunWithNamedTasks(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var sut = new RunCreator(db, Clock);

        var first = await sut.CreateAsync(new NewRun(" er ", "exp", """{"strategy":"ER","seed":2}""", ["a", "a", "b"], ["x", null, " "]), "w1", default);
        var second = await sut.CreateAsync(new NewRun("er-2", "exp"), null, default);

        db.ChangeTracker.Clear();
        var run = await db.Runs.Include(r => r.Tags).SingleAsync(r => r.Id == first.Id);
        Assert.Equal(("er", RunStatus.Running, "ER", (int?)2, "w1"), (run.Name, run.Status, run.Strategy, run.Seed, run.WorkerName));
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, run.StartedAt);
        Assert.Equal(["a", "b"], run.Tags.Select(t => t.Tag).Order());
        Assert.Equal(["x", "Task 1", "Task 2"], await db.TaskPhases.Where(p => p.RunId == first.Id).OrderBy(p => p.TaskIndex).Select(p => p.Name).ToListAsync());
        Assert.Equal(1, await db.Experiments.CountAsync());
        Assert.Equal(run.ExperimentId, (await db.Runs.SingleAsync(r => r.Id == second.Id)).ExperimentId);
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("config-array", "config")]
    [InlineData("bad-tag", "tags[0]")]
    [InlineData("empty-experiment", "experiment")]
    public async Task CreateAsync_BadField_ThrowsNamingFieldAndStoresNothing(string scenario, string field)
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        var spec = scenario switch
        {
            "config-array" => new NewRun("r", ConfigJson: "[1]"),
            "bad-tag" => new NewRun("r", Tags: [new string('t', 101)]),
            "empty-experiment" => new NewRun("r", Experiment: ""),
            _ => new NewRun(scenario),
        };

        var e = await Assert.ThrowsAsync<TrackingException>(() => new RunCreator(db, Clock).CreateAsync(spec, null, default));

        Assert.Equal(field, e.Field);
        Assert.False(await db.Runs.AnyAsync());
        Assert.False(await db.Experiments.AnyAsync());
    }
}
