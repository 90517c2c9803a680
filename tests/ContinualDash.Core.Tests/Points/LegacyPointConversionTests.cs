using ContinualDash.Core.Data;
using ContinualDash.Core.Metrics;
using ContinualDash.Core.Points;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Series;
using ContinualDash.Core.Tracking;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ContinualDash.Core.Tests.Points;

/// <summary>A database from before chunked points (one row per point) keeps every point through the upgrade.</summary>
public sealed class LegacyPointConversionTests
{
    private const string LastRowPerPointMigration = "20261122050000_Accounts";
    private static readonly string[] Names = ["accuracy", "loss"];

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task MigrateAsync_RowPerPointDatabase_MovesEveryPointIntoChunksAndDropsTheOldTable(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        var rng = new Random(11);
        // Two series of one run, written interleaved over two attempts, one iteration logged twice.
        var legacy = Enumerable.Range(0, 300).Select(i => (Series: i % 2, Iteration: (long)(i / 2 == 40 ? 39 : i / 2),
            Value: Math.Round(rng.NextDouble(), 3), Time: 1_700_000_000_000L + i, Attempt: i < 200 ? 1 : 2)).ToList();
        long[] seriesIds;
        await using (var old = database.CreateContext())
        {
            await old.GetService<IMigrator>().MigrateAsync(LastRowPerPointMigration);
            var run = new Run("old", new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
            old.Runs.Add(run);
            await old.SaveChangesAsync();
            MetricSeries[] series = [new(run.Id, Names[0], 0), new(run.Id, Names[1], null)];
            old.MetricSeries.AddRange(series);
            await old.SaveChangesAsync();
            seriesIds = [.. series.Select(s => s.Id)];
            foreach (var p in legacy)
            {
                await old.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "MetricPoints" ("SeriesId", "Iteration", "Value", "WallTimeMs", "Attempt")
                    VALUES ({seriesIds[p.Series]}, {p.Iteration}, {p.Value}, {p.Time}, {p.Attempt})
                    """);
            }
            foreach (var id in seriesIds)
                await old.Database.ExecuteSqlInterpolatedAsync($"""INSERT INTO "MetricSeriesCounts" ("SeriesId", "Points") VALUES ({id}, 150)""");
        }

        await using var db = await database.CreateMigratedContextAsync();

        var stored = await StoredPoints.AllAsync(db);
        for (var s = 0; s < 2; s++)
        {
            // Per series, the points keep their values, times, attempts and storage order.
            Assert.Equal(legacy.Where(p => p.Series == s).Select(p => (p.Iteration, p.Value, p.Time, p.Attempt)),
                stored.Where(p => p.Name == Names[s]).Select(p => (p.Iteration, p.Value, p.Time, p.Attempt)));
        }
        Assert.Equal(4, await db.MetricChunks.CountAsync()); // attempt 1 and attempt 2, per series
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""SELECT COUNT(*) FROM "MetricPoints" """));
        // The series cache reads the converted chunks in iteration order, the repeated iteration in storage order.
        var cached = await new SeriesPointCache().GetAsync(db, seriesIds[0], CancellationToken.None);
        var expected = legacy.Where(p => p.Series == 0).Select((p, i) => (p.Iteration, p.Value, i)).OrderBy(p => p.Iteration).ThenBy(p => p.i);
        Assert.Equal(expected.Select(p => ((double)p.Iteration, p.Value)), cached.Xs.Take(cached.Length).Zip(cached.Ys));
    }

    [Fact]
    public async Task MigrateAsync_CurrentDatabase_ConvertsNothingAndKeepsPoints()
    {
        await using var database = TestDatabase.Create();
        await using (var db = await database.CreateMigratedContextAsync())
        {
            var run = new Run("new", new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
            db.Runs.Add(run);
            await db.SaveChangesAsync();
            await new MetricWriter(db, new ManualTimeProvider()).WriteAsync(run.Id, null, 1, [new("acc", 0, 1, 0.5)], CancellationToken.None);
        }

        await using var again = await database.CreateMigratedContextAsync();

        Assert.Equal([0.5], (await StoredPoints.AllAsync(again)).Select(p => p.Value));
    }
}
