using ContinualDash.Core.Data;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using ContinualDash.Testing;
using ContinualDash.Web.Runs;

namespace ContinualDash.Web.Tests.Runs;

public sealed class RunsListingTests
{
    private static readonly DateTime T0 = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    // Logged through the tracking services, so the final metrics are the ones the engine stores.
    private static async Task SeedAsync(DashDbContext db)
    {
        await TrackedRuns.LogTwoTasksAsync(db, new NewRun("er-seed-0", ConfigJson: """{"lr":0.01,"strategy":"ER","memory":2000,"seed":0}""", Tags: ["baseline"]), 0.80, 0.62);
        await TrackedRuns.LogTwoTasksAsync(db, new NewRun("er-seed-1", ConfigJson: """{"lr":0.1,"strategy":"ER","seed":1}"""), 0.41, 0.41);
        await TrackedRuns.LogTwoTasksAsync(db, new NewRun("finetune-seed-0", ConfigJson: """{"lr":0.001,"strategy":"finetune","seed":0}"""), 0.2, 0.2);
        var probe = await TrackedRuns.CreateAsync(db, new NewRun("x' OR 1=1 --"));
        await TrackedRuns.FinishAsync(db, probe);
    }

    private static RunsQuery Query(string? filter = null, string? sort = null, string? dir = null, int page = 1, int size = 50) =>
        new(Filter: filter, Sort: sort ?? RunsSort.DefaultKey, Descending: dir != "asc", Page: page, Size: size);

    [Theory]
    [InlineData("Sqlite", "strategy = ER and final.wc_acc > 0.5", "er-seed-0")]
    [InlineData("Postgres", "strategy = ER and final.wc_acc > 0.5", "er-seed-0")]
    [InlineData("Sqlite", "config.lr <= 0.01 or tag = baseline", "er-seed-0,finetune-seed-0")]
    [InlineData("Postgres", "config.lr <= 0.01 or tag = baseline", "er-seed-0,finetune-seed-0")]
    [InlineData("Sqlite", "name ~ \"er-\" and not seed = 1", "er-seed-0")]
    [InlineData("Postgres", "name ~ \"er-\" and not seed = 1", "er-seed-0")]
    [InlineData("Sqlite", "config.strategy = finetune", "finetune-seed-0")]
    [InlineData("Postgres", "config.strategy = finetune", "finetune-seed-0")]
    [InlineData("Sqlite", "(strategy != er) and tag != baseline", "finetune-seed-0,x' OR 1=1 --")]
    [InlineData("Postgres", "(strategy != er) and tag != baseline", "finetune-seed-0,x' OR 1=1 --")]
    [InlineData("Sqlite", "name = \"x' OR 1=1 --\"", "x' OR 1=1 --")]
    [InlineData("Postgres", "name = \"x' OR 1=1 --\"", "x' OR 1=1 --")]
    [InlineData("Sqlite", "name = \"'; DROP TABLE \"\"Runs\"\"; --\"", "")]
    [InlineData("Postgres", "name = \"'; DROP TABLE \"\"Runs\"\"; --\"", "")]
    public async Task ListAsync_Expression_ReturnsMatchingRunsOnBothProviders(string provider, string filter, string expected)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = await database.CreateMigratedContextAsync();
        await SeedAsync(db);

        var result = await new RunsListing(db, TimeProvider.System).ListAsync(Query(filter, sort: "name", dir: "asc"), default);

        Assert.True(result.FilterError is null, result.FilterError);
        Assert.Equal(expected, string.Join(",", result.Rows.Select(r => r.Name)));
        Assert.Equal(4, db.Runs.Count());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ListAsync_SortAndPage_ReturnsPageInOrderWithTotalTagsAndNullsLast(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = await database.CreateMigratedContextAsync();
        await SeedAsync(db);

        var first = await new RunsListing(db, TimeProvider.System).ListAsync(Query(sort: "wc_acc", dir: "asc", size: 2), default);
        var second = await new RunsListing(db, TimeProvider.System).ListAsync(Query(sort: "wc_acc", dir: "asc", page: 2, size: 2), default);

        Assert.Equal(4, first.Total);
        var names = first.Rows.Concat(second.Rows).Select(r => r.Name).ToList();
        Assert.Equal(4, names.Distinct().Count());
        var nonNull = first.Rows.Concat(second.Rows).Where(r => r.FinalWcAcc is not null).Select(r => r.FinalWcAcc!.Value).ToList();
        Assert.Equal(nonNull.Order(), nonNull);
        Assert.Equal(["baseline"], first.Rows.Concat(second.Rows).Single(r => r.Name == "er-seed-0").Tags);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ListAsync_SortByDuration_OrdersFinishedAndRunningRunsByTheirTimeSoFar(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var ten = new Run("ten-minutes", T0);
        ten.Start(T0, "w");
        ten.Finish(RunStatus.Succeeded, T0.AddMinutes(10));
        var running = new Run("running-59-minutes", T0);
        running.Start(T0.AddMinutes(1), "w");
        var two = new Run("two-minutes", T0);
        two.Start(T0.AddMinutes(5), "w");
        two.Finish(RunStatus.Failed, T0.AddMinutes(7));
        db.Runs.AddRange(ten, running, two, new Run("queued", T0));
        await db.SaveChangesAsync();
        var clock = new ManualTimeProvider(new DateTimeOffset(T0.AddHours(1)));

        var ascending = await new RunsListing(db, clock).ListAsync(Query(sort: "duration", dir: "asc"), default);
        var descending = await new RunsListing(db, clock).ListAsync(Query(sort: "duration", dir: "desc"), default);

        Assert.Null(ascending.FilterError);
        Assert.Equal(["two-minutes", "ten-minutes", "running-59-minutes"], ascending.Rows.Where(r => r.Name != "queued").Select(r => r.Name));
        Assert.Equal(["running-59-minutes", "ten-minutes", "two-minutes"], descending.Rows.Where(r => r.Name != "queued").Select(r => r.Name));
        Assert.Equal(4, ascending.Total);
    }

    [Theory]
    [InlineData("strategy = ", "column 12")]
    [InlineData("final.wc_acc > high", "is a number")]
    [InlineData("colour = red", "unknown field 'colour'")]
    [InlineData("(strategy = ER", "expected ')'")]
    [InlineData("name = \"open", "no closing")]
    [InlineData("name < 3", "compares numbers")]
    [InlineData("strategy = ER extra", "expected 'and', 'or' or the end")]
    public async Task ListAsync_InvalidExpression_ReturnsMessageAndNoRows(string filter, string message)
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        await SeedAsync(db);

        var result = await new RunsListing(db, TimeProvider.System).ListAsync(Query(filter), default);

        Assert.Empty(result.Rows);
        Assert.Contains(message, result.FilterError);
    }
}
