using ContinualDash.Core.Evaluation;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ContinualDash.Core.Tests.LiveMetrics;

/// <summary>A database from before final metrics were written gets them at start-up, also after a crash mid-way.</summary>
public sealed class FinalMetricsBackfillTests
{
    private const string LastMigrationBefore = "20261122090100_DropMetricPoints";

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task MigrateAsync_RunsWithoutFinalMetrics_FillsEachFromItsPointsAndResumesAfterACrash(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        var runIds = new List<long>();
        await using (var old = database.CreateContext())
        {
            await old.GetService<IMigrator>().MigrateAsync(LastMigrationBefore);
            // As the code of that version stored them: points through the writer, boundaries as bare phase rows.
            foreach (var (name, tasks) in new[] { ("two tasks", 2), ("one task", 1), ("no boundary", 0) })
            {
                var runId = await TrackedRuns.CreateAsync(old, new NewRun(name));
                await TrackedRuns.LogAsync(old, runId, [new("accuracy", 0, 0, 0.9), new("accuracy", 0, 1, 0.4), new("accuracy", 1, 1, 0.7), new("accuracy", 0, 2, 0.6), new("accuracy", 1, 2, 0.8)]);
                for (var k = 0; k < tasks; k++) old.TaskPhases.Add(new TaskPhase { RunId = runId, TaskIndex = k, BoundaryIteration = k == 0 ? 0 : 2 });
                await old.SaveChangesAsync();
                runIds.Add(runId);
            }
            await old.GetService<IMigrator>().MigrateAsync(FinalMetricsBackfill.ListMigration);
            // The process dies after the first run.
            Assert.Equal(1, await FinalMetricsBackfill.RunAsync(old, CancellationToken.None, limit: 1));
        }

        await using var db = await database.CreateMigratedContextAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""SELECT COUNT(*) FROM "PendingFinalMetrics" """));
        var runs = await db.Runs.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        // Two tasks: R = [[0.9], [0.6, 0.8]]; min of task 0 over (0, 2] = 0.4; WC-ACC = (0.8 + 0.4) / 2.
        Assert.Equal((0.7, 0.4, 0.6, -0.3, 0.3), (Round(runs[0].FinalAvgAcc), Round(runs[0].FinalMinAcc), Round(runs[0].FinalWcAcc), Round(runs[0].FinalBwt), Round(runs[0].FinalForgetting)));
        // One task ended at 0 (the later evaluations belong to the open task 1): avg-ACC = WC-ACC = 0.9.
        Assert.Equal((0.9, (double?)null, 0.9), (Round(runs[1].FinalAvgAcc), runs[1].FinalMinAcc, Round(runs[1].FinalWcAcc)));
        Assert.Null(runs[2].FinalAvgAcc);
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 9) : null;
}
