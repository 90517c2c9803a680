using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.LiveMetrics;

/// <summary>
/// Fills the final-metric columns of runs stored before production code wrote them. Start-up runs it between
/// the migration that lists every run and the one that drops the list. One transaction per run (compute,
/// store, strike it off the list), so a crash leaves each run either done or still listed, and the next
/// start carries on.
/// </summary>
internal static class FinalMetricsBackfill
{
    /// <summary>The migration that lists the runs to fill.</summary>
    public const string ListMigration = "20261203000000_FinalMetricsBackfill";

    /// <summary>The migration that drops the list; the backfill runs before it.</summary>
    public const string DropMigration = "20261203000100_DropFinalMetricsBackfill";

    public const string Table = "PendingFinalMetrics";

    /// <summary>Fills every listed run (at most <paramref name="limit"/>, for tests of a crash); returns how many.</summary>
    public static async Task<int> RunAsync(DashDbContext db, CancellationToken ct, int limit = int.MaxValue)
    {
        var done = 0;
        while (done < limit && await NextAsync(db, ct) is { } runId)
        {
            // A fresh evaluator per run: nothing of a finished run is worth keeping in memory.
            var live = new LiveRunMetrics(TimeProvider.System);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await db.Runs.FirstOrDefaultAsync(r => r.Id == runId, ct) is { } run)
            {
                await RunFinalMetrics.UpdateAsync(db, live, run, ct);
                await db.SaveChangesAsync(ct);
            }
            await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "PendingFinalMetrics" WHERE "RunId" = {runId}""", ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            done++;
        }
        return done;
    }

    private static async Task<long?> NextAsync(DashDbContext db, CancellationToken ct)
    {
        var next = await db.Database.SqlQueryRaw<long>("""SELECT "RunId" AS "Value" FROM "PendingFinalMetrics" ORDER BY "RunId" LIMIT 1""")
            .ToListAsync(ct);
        return next.Count > 0 ? next[0] : null;
    }
}
