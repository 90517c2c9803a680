using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using ContinualDash.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Series;

/// <summary>
/// Keeps recently charted series in memory, so that reducing a series of millions of points costs a lookup
/// and an in-memory M4 instead of reading every row again (docs/PERFORMANCE.md "Tracking API").
/// </summary>
/// <remarks>
/// Exact, also across processes: every request reads the series' count from <c>MetricSeriesCounts</c>, which
/// <see cref="Tracking.MetricWriter"/> raises in the transaction that stores the points. Equal counts mean the
/// copy is current. A larger count reads the points with ids above the newest one held; only when they make
/// up the difference exactly (on PostgreSQL a transaction with lower ids may commit later) are they merged,
/// otherwise the series is read again in full. Both reads happen in one read transaction, so the count and the
/// points come from the same snapshot. Least recently used series are dropped beyond <c>maxPoints</c>.
/// </remarks>
public sealed class SeriesPointCache(long maxPoints = SeriesPointCache.DefaultMaxPoints)
{
    /// <summary>Default memory bound: 8 million points, 128 MiB of iterations and values.</summary>
    public const long DefaultMaxPoints = 8_000_000;

    private readonly ConcurrentDictionary<long, Entry> entries = new();
    private long clock;

    /// <summary>The current points of <paramref name="seriesId"/>, from memory when the stored count is unchanged.</summary>
    public async Task<StoredSeries> GetAsync(DashDbContext db, long seriesId, CancellationToken ct)
    {
        var entry = entries.GetOrAdd(seriesId, _ => new Entry());
        entry.LastUsed = Interlocked.Increment(ref clock);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            // The common case, a current copy, is one statement without a transaction: the count alone tells
            // that the copy holds every stored point (on PostgreSQL this saves the BEGIN/ROLLBACK round trip).
            if (entry.Points is { } current && current.Count == await SeriesPointReader.CountAsync(connection, null, seriesId, ct))
                return current;
            await using var tx = await BeginReadAsync(connection, ct);
            var count = await SeriesPointReader.CountAsync(connection, tx, seriesId, ct);
            if (entry.Points is { } cached && cached.Count == count) return cached;

            // One refresh at a time per series; the others then find it current.
            await entry.Refresh.WaitAsync(ct);
            try
            {
                var held = entry.Points;
                if (held is not null && held.Count == count) return held;
                var fresh = await LoadAsync(connection, tx, seriesId, held, count, ct);
                entry.Points = fresh;
                Trim();
                return fresh;
            }
            finally
            {
                entry.Refresh.Release();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A snapshot read: deferred on SQLite (no write lock), repeatable read on PostgreSQL.</summary>
    private static async Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken ct) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);

    private static async Task<StoredSeries> LoadAsync(
        DbConnection connection, DbTransaction tx, long seriesId, StoredSeries? held, long count, CancellationToken ct)
    {
        if (held is not null && count > held.Count)
        {
            var added = await SeriesPointReader.AfterAsync(connection, tx, seriesId, held.LastId, ct);
            if (held.Count + added.Count == count) return Merge(held, added, count);
        }
        var rows = await SeriesPointReader.AllAsync(connection, tx, seriesId, ct);
        var xs = new double[rows.Count];
        var ys = new double[rows.Count];
        long lastId = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            xs[i] = rows[i].Iteration;
            ys[i] = rows[i].Value;
            lastId = Math.Max(lastId, rows[i].Id);
        }
        // A count that disagrees with the rows (points stored before counts existed were counted by the
        // migration, so only a writer bypassing MetricWriter does this) is kept as read: the next change of
        // the count still triggers a reload, and the rows are the truth for this snapshot.
        return new StoredSeries(xs, ys, rows.Count, count, lastId);
    }

    /// <summary>
    /// Adds newer points (in id order) to a copy. Points that continue the iteration order are appended in
    /// place when the arrays have room: readers of the old copy only look at its first Length entries.
    /// Otherwise (a retried attempt re-logging earlier iterations) the two sorted runs are merged into new arrays.
    /// </summary>
    private static StoredSeries Merge(StoredSeries held, List<SeriesPointReader.Row> added, long count)
    {
        // Stable by iteration: equal iterations keep id order, as the database query orders them.
        var sorted = added.OrderBy(r => r.Iteration).ToList();
        var n = held.Length;
        var total = n + sorted.Count;
        var lastId = Math.Max(held.LastId, added.Count == 0 ? 0 : added[^1].Id);
        if (n == 0 || sorted.Count == 0 || sorted[0].Iteration >= held.Xs[n - 1])
        {
            var (xs, ys) = total <= held.Xs.Length ? (held.Xs, held.Ys) : Grow(held, total);
            for (var i = 0; i < sorted.Count; i++)
            {
                xs[n + i] = sorted[i].Iteration;
                ys[n + i] = sorted[i].Value;
            }
            return new StoredSeries(xs, ys, total, count, lastId);
        }

        var mx = new double[total];
        var my = new double[total];
        int a = 0, b = 0;
        for (var k = 0; k < total; k++)
        {
            // Held points were stored earlier (lower ids), so on equal iterations they come first.
            if (b == sorted.Count || (a < n && held.Xs[a] <= sorted[b].Iteration))
            {
                mx[k] = held.Xs[a];
                my[k] = held.Ys[a++];
            }
            else
            {
                mx[k] = sorted[b].Iteration;
                my[k] = sorted[b++].Value;
            }
        }
        return new StoredSeries(mx, my, total, count, lastId);
    }

    private static (double[] Xs, double[] Ys) Grow(StoredSeries held, int needed)
    {
        var capacity = Math.Max(needed, held.Length + held.Length / 2);
        var xs = new double[capacity];
        var ys = new double[capacity];
        held.Xs.AsSpan(0, held.Length).CopyTo(xs);
        held.Ys.AsSpan(0, held.Length).CopyTo(ys);
        return (xs, ys);
    }

    /// <summary>Drops least recently used series until the held points fit in the bound.</summary>
    private void Trim()
    {
        var held = entries.Sum(e => (long)(e.Value.Points?.Xs.Length ?? 0));
        if (held <= maxPoints) return;
        foreach (var (id, entry) in entries.OrderBy(e => e.Value.LastUsed).ToList())
        {
            if (held <= maxPoints) break;
            if (entries.TryRemove(id, out _)) held -= entry.Points?.Xs.Length ?? 0;
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Refresh { get; } = new(1, 1);
        public volatile StoredSeries? Points;
        public long LastUsed;
    }
}
