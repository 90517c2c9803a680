using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Data;

/// <summary>Brings the database to the current schema at start-up.</summary>
public static class DatabaseStartup
{
    public static async Task MigrateAsync(DashDbContext db, CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets the pages read while workers write; the mode is stored in the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
