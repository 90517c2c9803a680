using System.Data.Common;
using System.Threading.Channels;
using ContinualDash.Core.Data;
using ContinualDash.Core.Tracking;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ContinualDash.Core.Ingest;

/// <summary>
/// The one way metric points get stored, for the tracking API and for workers (in-process and remote):
/// batches wait in a queue, and one committer writes everything that queued up while the previous commit was
/// in flight as a single transaction (group commit). One fsync then acknowledges many batches, which is
/// where the time of many small batches went (a commit each, serialised by SQLite).
/// </summary>
/// <remarks>
/// What a caller can rely on, as with a commit of its own:
/// <list type="bullet">
/// <item>The task completes only after the batch's transaction committed (on SQLite with
/// <c>synchronous=FULL</c>, after it reached the disk); then the points are published to the run's live
/// streams (<see cref="TrackingNotifier.PointsCommitted"/>).</item>
/// <item>A bad batch (invalid points, unknown or finished run, old attempt) fails alone with its
/// <see cref="TrackingException"/>; if the group's transaction fails on something in the data (a constraint),
/// each of its batches is written again in a transaction of its own, so one batch cannot take the others
/// down. A failure of the database itself (locked, full, unreachable) fails the group's batches together.</item>
/// <item>A key the run already stored, in an earlier group or earlier in the same one, makes the batch a
/// duplicate: acknowledged, stored once.</item>
/// <item>A run's point ids follow the order its batches were taken.</item>
/// <item>More than <see cref="IngestOptions.MaxQueuedPoints"/> waiting makes the next batch fail at once
/// with <see cref="IngestBusyException"/> (back-pressure) rather than queue without bound.</item>
/// </list>
/// </remarks>
public sealed class MetricIngest : IAsyncDisposable
{
    /// <summary>A context for one commit, and what to dispose after it.</summary>
    private readonly Func<(DashDbContext Db, IAsyncDisposable Owner)> contexts;
    private readonly TrackingNotifier notifier;
    private readonly SeriesIdCache seriesCache;
    private readonly TimeProvider time;
    private readonly IngestOptions options;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });
    private readonly Lazy<Thread> committer;
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long queuedPoints;
    private long commits;
    private long batches;
    private long points;
    private long busy;

    /// <summary>The server's: a DI scope per commit for its context.</summary>
    public MetricIngest(
        IServiceScopeFactory scopes, TrackingNotifier notifier, SeriesIdCache seriesCache, TimeProvider time, IngestOptions options)
        : this(() =>
        {
            var scope = scopes.CreateAsyncScope();
            return (scope.ServiceProvider.GetRequiredService<DashDbContext>(), scope);
        }, notifier, seriesCache, time, options)
    {
    }

    /// <param name="contexts">Makes a new context on the database (one per commit, disposed after it).</param>
    /// <param name="notifier">Gets each commit's points for the live streams.</param>
    /// <param name="seriesCache">Series ids of recently written runs.</param>
    /// <param name="time">Stamps points that came without a time.</param>
    /// <param name="options">Queue and group limits.</param>
    public MetricIngest(
        Func<DashDbContext> contexts, TrackingNotifier notifier, SeriesIdCache seriesCache, TimeProvider time, IngestOptions options)
        : this(() =>
        {
            var db = contexts();
            return (db, db);
        }, notifier, seriesCache, time, options)
    {
    }

    private MetricIngest(
        Func<(DashDbContext, IAsyncDisposable)> contexts, TrackingNotifier notifier, SeriesIdCache seriesCache, TimeProvider time,
        IngestOptions options)
    {
        this.contexts = contexts;
        this.notifier = notifier;
        this.seriesCache = seriesCache;
        this.time = time;
        this.options = options;
        // A thread of its own, writing synchronously: see MetricGroupWriter's remarks.
        committer = new Lazy<Thread>(() =>
        {
            var thread = new Thread(CommitLoop) { IsBackground = true, Name = "metric ingest" };
            thread.Start();
            return thread;
        });
    }

    public IngestStats Stats => new(
        Interlocked.Read(ref commits), Interlocked.Read(ref batches), Interlocked.Read(ref points),
        Interlocked.Read(ref busy), Interlocked.Read(ref queuedPoints));

    /// <summary>Stores the batch in the next group commit.</summary>
    /// <param name="batch">The batch; its points must stay unchanged until the task completes.</param>
    /// <param name="ct">Cancels the batch while it waits for its group; once its group is being written the
    /// batch is written, and the task completes with the outcome.</param>
    /// <returns>Stored, or skipped as a duplicate of an earlier batch with the same key.</returns>
    /// <exception cref="TrackingException">The batch is invalid or its run takes no data; nothing stored.</exception>
    /// <exception cref="IngestBusyException">Too much is queued; nothing stored, send it again later.</exception>
    public Task<MetricWriteResult> WriteAsync(IngestBatch batch, CancellationToken ct)
    {
        var size = Math.Max(1, batch.Points.Count);
        var before = Interlocked.Add(ref queuedPoints, size) - size;
        if (before > 0 && before + size > options.MaxQueuedPoints)
        {
            Interlocked.Add(ref queuedPoints, -size);
            Interlocked.Increment(ref busy);
            return Task.FromException<MetricWriteResult>(new IngestBusyException(options.RetryAfter));
        }
        var pending = new Pending(batch, size, ct);
        if (!queue.Writer.TryWrite(pending))
        {
            Interlocked.Add(ref queuedPoints, -size);
            return Task.FromException<MetricWriteResult>(new ObjectDisposedException(nameof(MetricIngest), "the server is stopping"));
        }
        _ = committer.Value;
        return pending.Completion.Task;
    }

    /// <summary>Writes what is queued, then stops taking batches.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (committer.IsValueCreated) await stopped.Task;
    }

    private void CommitLoop()
    {
        var reader = queue.Reader;
        var group = new List<Pending>();
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            group.Clear();
            var size = 0;
            while (size < options.MaxGroupPoints && reader.TryRead(out var next))
            {
                if (next.Cancellation.IsCancellationRequested)
                {
                    Done(next);
                    next.Completion.TrySetCanceled(next.Cancellation);
                    continue;
                }
                group.Add(next);
                size += next.Size;
            }
            if (group.Count > 0) Commit(group);
        }
        stopped.TrySetResult();
    }

    private void Commit(List<Pending> group)
    {
        try
        {
            var (db, owner) = contexts();
            using var _ = new Disposal(owner);
            var written = MetricGroupWriter.Write(db, time.GetUtcNow(), seriesCache, group.Select(p => p.Batch).ToList(), notifier.IsWatched);
            if (written.Stored > 0) Interlocked.Increment(ref commits);
            Interlocked.Add(ref points, written.Stored);
            foreach (var (run, runPoints) in written.Points) notifier.PointsCommitted(run, runPoints);
            for (var i = 0; i < group.Count; i++)
            {
                Done(group[i]);
                var (result, error) = written.Outcomes[i];
                if (error is not null) group[i].Completion.TrySetException(error);
                else
                {
                    Interlocked.Increment(ref batches);
                    group[i].Completion.TrySetResult(result);
                }
            }
        }
        catch (Exception e) when (group.Count > 1 && MayComeFromOneBatch(e))
        {
            // Something no check foresaw in the data (a constraint, a value the database refuses): each batch
            // alone, so the one that causes it fails by itself and the rest are stored.
            foreach (var pending in group) Commit([pending]);
        }
        catch (Exception e)
        {
            // The database itself (locked, full, unreachable): every batch would fail the same way, one by one
            // and each after the same wait, so they fail together and their clients send them again.
            foreach (var pending in group)
            {
                Done(pending);
                pending.Completion.TrySetException(e);
            }
        }
    }

    /// <summary>Whether <paramref name="e"/> may come from one batch's data rather than from the database.</summary>
    private static bool MayComeFromOneBatch(Exception e) => e.GetBaseException() switch
    {
        // CONSTRAINT, MISMATCH, TOOBIG, RANGE
        SqliteException sqlite => sqlite.SqliteErrorCode is 19 or 20 or 18 or 25,
        // data exceptions and integrity constraint violations
        PostgresException postgres => postgres.SqlState.StartsWith("22", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("23", StringComparison.Ordinal),
        DbException or TimeoutException or IOException or System.Net.Sockets.SocketException => false,
        _ => true,
    };

    private void Done(Pending pending) => Interlocked.Add(ref queuedPoints, -pending.Size);

    /// <summary>Disposes the commit's context (and its scope) on the committer's thread.</summary>
    private readonly struct Disposal(IAsyncDisposable owner) : IDisposable
    {
        public void Dispose()
        {
            if (owner is IDisposable sync) sync.Dispose();
            else owner.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private sealed record Pending(IngestBatch Batch, int Size, CancellationToken Cancellation)
    {
        public TaskCompletionSource<MetricWriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
