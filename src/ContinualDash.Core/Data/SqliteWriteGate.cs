using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Data;

/// <summary>
/// Queues this process's SQLite write transactions per database file. SQLite has one writer at a time; a
/// second BEGIN IMMEDIATE gets SQLITE_BUSY, and Microsoft.Data.Sqlite then retries after sleeping, so two
/// concurrent batches wait far longer than one after the other. Other processes are still handled by the
/// busy retry. On PostgreSQL this does nothing.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for this database's gate; dispose the result to release it. Null on PostgreSQL.</summary>
    public static async Task<IDisposable?> EnterAsync(DashDbContext db, CancellationToken ct)
    {
        if (GateOf(db) is not { } gate) return null;
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    /// <summary>The same, blocking: for a thread of its own (the metric ingest's committer).</summary>
    public static IDisposable? Enter(DashDbContext db)
    {
        if (GateOf(db) is not { } gate) return null;
        gate.Wait();
        return new Release(gate);
    }

    private static SemaphoreSlim? GateOf(DashDbContext db)
    {
        if (!db.Database.IsSqlite()) return null;
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        return Gates.GetOrAdd(Path.GetFullPath(file), _ => new SemaphoreSlim(1, 1));
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
