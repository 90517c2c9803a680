using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Points;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ContinualDash.Core.Data;

/// <summary>Brings the database to the current schema at start-up.</summary>
public static class DatabaseStartup
{
    public static async Task MigrateAsync(DashDbContext db, CancellationToken ct)
    {
        // A database from before chunked points stops at the migration that adds chunks, has its points moved
        // by code, and only then loses the old table.
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Contains(LegacyPointConversion.DropMigration))
        {
            await db.GetService<IMigrator>().MigrateAsync(LegacyPointConversion.ChunksMigration, cancellationToken: ct);
            await LegacyPointConversion.RunAsync(db, ct);
        }
        // Runs stored before production code wrote their final metrics get them from their points, the same way.
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Contains(FinalMetricsBackfill.DropMigration))
        {
            await db.GetService<IMigrator>().MigrateAsync(FinalMetricsBackfill.ListMigration, cancellationToken: ct);
            await FinalMetricsBackfill.RunAsync(db, ct);
        }
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets the pages read while workers write; the mode is stored in the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
