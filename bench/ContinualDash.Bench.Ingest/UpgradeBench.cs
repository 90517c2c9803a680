using System.Diagnostics;
using ContinualDash.Core.Data;
using ContinualDash.Core.Metrics;
using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace ContinualDash.Bench.Ingest;

/// <summary>
/// <c>--mode upgrade</c>: how long the first start after the chunked-storage upgrade takes. A database at the last
/// row-per-point migration is filled with <c>--layout-rows</c> points (5 interleaved series, as a trainer logs
/// per-task accuracy), then the start-up migration, which moves them into chunks, is timed.
/// </summary>
internal static class UpgradeBench
{
    private const string LastRowPerPointMigration = "20261122050000_Accounts";

    public static async Task RunAsync(Func<DashDbContext> openDb, int rows)
    {
        await using (var db = openDb())
        {
            await db.GetService<IMigrator>().MigrateAsync(LastRowPerPointMigration);
            var run = new Run("legacy", DateTime.UtcNow);
            db.Runs.Add(run);
            await db.SaveChangesAsync();
            var series = Enumerable.Range(0, GeneratedPoints.Tasks).Select(k => new MetricSeries(run.Id, "accuracy", k)).ToList();
            db.MetricSeries.AddRange(series);
            await db.SaveChangesAsync();
            var clock = Stopwatch.StartNew();
            await InsertLegacyRowsAsync(db, [.. series.Select(s => s.Id)], rows);
            Console.WriteLine($"upgrade         {rows:N0} legacy rows written in {clock.Elapsed.TotalSeconds:F1} s");
        }

        await using (var db = openDb())
        {
            var clock = Stopwatch.StartNew();
            await DatabaseStartup.MigrateAsync(db, default);
            var seconds = clock.Elapsed.TotalSeconds;
            var moved = await db.MetricChunks.SumAsync(c => (long)c.Count);
            if (moved != rows) throw new InvalidOperationException($"the upgrade stored {moved} points, not {rows}");
            Console.WriteLine($"upgrade         start-up migration moved {moved:N0} points into {await db.MetricChunks.CountAsync():N0} chunks " +
                              $"in {seconds:F1} s = {moved / seconds:N0} points/s");
        }
    }

    private static async Task InsertLegacyRowsAsync(DashDbContext db, long[] seriesIds, int rows)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(15));
        await using var tx = await db.Database.BeginTransactionAsync();
        var connection = db.Database.GetDbConnection();
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx.GetDbTransaction();
        insert.CommandText = """
            INSERT INTO "MetricPoints" ("SeriesId", "Iteration", "Value", "WallTimeMs", "Attempt") VALUES (@series, @iteration, @value, @time, 1)
            """;
        var series = insert.AddParameter("@series", 0L);
        var iteration = insert.AddParameter("@iteration", 0L);
        var value = insert.AddParameter("@value", 0.0);
        var time = insert.AddParameter("@time", 0L);
        await insert.PrepareAsync();
        foreach (var p in new GeneratedPoints(0, rows))
        {
            series.Value = seriesIds[p.Task!.Value];
            iteration.Value = p.Iteration;
            value.Value = p.Value;
            time.Value = p.WallTimeMs!.Value;
            await insert.ExecuteNonQueryAsync();
        }
        await using (var counts = connection.CreateCommand())
        {
            counts.Transaction = insert.Transaction;
            counts.CommandText = """INSERT INTO "MetricSeriesCounts" ("SeriesId", "Points") SELECT "SeriesId", COUNT(*) FROM "MetricPoints" GROUP BY "SeriesId" """;
            await counts.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }
}
