using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ContinualDash.Bench.Ingest;

/// <summary>
/// The alternative MetricWriter replaced on SQLite: one prepared single-row ADO.NET INSERT re-bound per row,
/// in one transaction. Kept here only to compare side by side with SQLite's own statement API.
/// </summary>
internal static class SingleRowInsert
{
    public static async Task InsertAsync(DashDbContext db, long seriesId, IReadOnlyList<ContinualDash.Core.Tracking.MetricPointInput> points)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        var connection = db.Database.GetDbConnection();
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx.GetDbTransaction();
        insert.CommandText = """
            INSERT INTO "MetricPoints" ("SeriesId", "Iteration", "Value", "WallTimeMs", "Attempt")
            VALUES (@series, @iteration, @value, @time, 1)
            """;
        var series = insert.AddParameter("@series", seriesId);
        var iteration = insert.AddParameter("@iteration", 0L);
        var value = insert.AddParameter("@value", 0.0);
        var time = insert.AddParameter("@time", 0L);
        insert.Prepare();
        foreach (var p in points)
        {
            iteration.Value = p.Iteration;
            value.Value = p.Value;
            time.Value = p.WallTimeMs!.Value;
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }
}
