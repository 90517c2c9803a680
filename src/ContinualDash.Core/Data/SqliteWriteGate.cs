using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Data;

/// <summary>
/// Queues this process's SQLite write transactions per database file. SQLite has one writer at a time; a
/// second BEGIN IMMEDIATE gets SQLITE_BUSY, and Microsoft.Data.Sqlite then retries after sleeping, so two
/// concurrent batches wait far longer than one after the other. Other processes are still handled by the
/// busy retry. On PostgreSQL this does nothing. The server's metric writes come from one committer thread
/// (<see cref="Ingest.MetricIngest"/>); the gate still orders it against <see cref="Tracking.MetricWriter"/>
/// (tools and tests) on the same file.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits (blocking: the writers are synchronous) for this database's gate; dispose the result to
    /// release it. Null on PostgreSQL.</summary>
    public static IDisposable? Enter(DashDbContext db)
    {
        if (!db.Database.IsSqlite()) return null;
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var gate = Gates.GetOrAdd(Path.GetFullPath(file), _ => new SemaphoreSlim(1, 1));
        gate.Wait();
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) gate.Release();
        }
    }
}
