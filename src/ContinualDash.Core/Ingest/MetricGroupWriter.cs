using System.Data.Common;
using ContinualDash.Core.Data;
using ContinualDash.Core.Metrics;
using ContinualDash.Core.Points;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ContinualDash.Core.Ingest;

/// <summary>
/// Stores a group of metric batches (any runs) in one transaction. Each batch is checked on its own inside
/// that transaction (its run exists, takes data and is on the batch's attempt; its points are valid; its key
/// is new), so a bad batch is left out with its reason and the others are stored. Points are stored as one
/// chunk row per series of a batch (<see cref="PointChunks"/>), bypassing EF change tracking, in the order
/// of the group: a run's point ids follow the order its batches were taken.
/// </summary>
/// <remarks>
/// Synchronous on purpose: it runs on <see cref="MetricIngest"/>'s own thread, and awaiting each statement
/// sent its continuation to the thread pool, where under load it queued behind hundreds of requests; that
/// made each PostgreSQL statement of a commit take milliseconds (docs/PERFORMANCE.md).
/// </remarks>
/// <remarks>
/// Writes to one run are serialised on PostgreSQL by a lock on the run's row, held to commit: chunk ids come
/// from one sequence, and without the lock a transaction that took lower ids could commit after one that took
/// higher ids (another server process), so a reader that follows a run by id could step past points that were
/// not visible yet. The lock also orders the group against the finisher, so no point lands after a run's
/// final status. On SQLite the single writer serialises every write.
/// </remarks>
internal static class MetricGroupWriter
{
    /// <summary>What became of one batch of the group.</summary>
    internal readonly record struct Outcome(MetricWriteResult Result, Exception? Error);

    /// <summary>The group's outcomes (in group order), the points stored, and the stored points in id order
    /// of the runs somebody watches.</summary>
    internal sealed record Written(Outcome[] Outcomes, int Stored, Dictionary<long, List<RunPoint>> Points);

    public static Written Write(
        DashDbContext db, DateTimeOffset now, SeriesIdCache? seriesCache, IReadOnlyList<IngestBatch> group,
        Func<long, bool> watched, bool checkAttempts = true)
    {
        using var gate = SqliteWriteGate.Enter(db);
        var strategy = db.Database.CreateExecutionStrategy();
        var (written, seriesIds) = strategy.Execute(() =>
        {
            // On SQLite this is BEGIN IMMEDIATE: the write lock is taken up front, so two writers never
            // deadlock upgrading a read lock; on PostgreSQL the runs' rows are locked first, in id order.
            using var tx = db.Database.BeginTransaction();
            var connection = db.Database.GetDbConnection();
            var transaction = tx.GetDbTransaction();
            var runs = LoadRuns(connection, transaction, group.Select(b => b.RunId).Distinct().Order().ToList(), db.Database.IsNpgsql());

            var outcomes = new Outcome[group.Count];
            var valid = new List<int>();
            for (var i = 0; i < group.Count; i++)
            {
                var problem = Check(group[i], runs.GetValueOrDefault(group[i].RunId), checkAttempts);
                if (problem is not null) outcomes[i] = new Outcome(default, problem);
                else valid.Add(i);
            }
            var claimed = ClaimBatchKeys(connection, transaction, group, valid, now.UtcDateTime);
            var accepted = new List<(int Index, int Attempt)>();
            foreach (var i in valid)
            {
                if (group[i].Key is not null && !claimed.Contains(i))
                    outcomes[i] = new Outcome(new MetricWriteResult(0, Duplicate: true), null);
                else
                    accepted.Add((i, group[i].Attempt ?? runs[group[i].RunId].Attempt));
            }

            var series = new Dictionary<long, IReadOnlyDictionary<(string, int), long>>();
            var stored = new List<(int Index, Dictionary<(string, int), List<int>> Groups, List<MetricChunk> Chunks)>();
            var all = new List<MetricChunk>();
            foreach (var (index, attempt) in accepted)
            {
                var batch = group[index];
                var bySeries = PointChunks.GroupBySeries(batch.Points);
                if (!series.TryGetValue(batch.RunId, out var ids) || !bySeries.Keys.All(ids.ContainsKey))
                {
                    ids = seriesCache?.Covering(batch.RunId, bySeries.Keys)
                        ?? ResolveSeries(connection, transaction, batch.RunId, bySeries.Keys);
                    series[batch.RunId] = ids;
                }
                var chunks = PointChunks.FromGroups(batch.Points, bySeries, ids, attempt, now.ToUnixTimeMilliseconds());
                stored.Add((index, bySeries, chunks));
                all.AddRange(chunks);
                outcomes[index] = new Outcome(new MetricWriteResult(batch.Points.Count, Duplicate: false), null);
            }
            PointChunks.Insert(connection, transaction, all, command => AddToCounts(command, all));
            tx.Commit();

            var points = new Dictionary<long, List<RunPoint>>();
            foreach (var (index, groups, chunks) in stored)
            {
                var batch = group[index];
                if (!watched(batch.RunId)) continue;
                if (!points.TryGetValue(batch.RunId, out var list)) points[batch.RunId] = list = [];
                PointChunks.ToRunPoints(batch.Points, groups, chunks, now.ToUnixTimeMilliseconds(), list);
            }
            return (new Written(outcomes, all.Sum(c => c.Count), points), series);
        });
        // Only ids read in a committed transaction go into the cache (a rolled-back series insert never existed).
        if (seriesCache is not null)
            foreach (var (run, ids) in seriesIds) seriesCache.Set(run, ids);
        return written;
    }

    private sealed record RunState(string Status, int Attempt, int? DeclaredTasks);

    private static Exception? Check(IngestBatch batch, RunState? run, bool checkAttempt)
    {
        if (run is null) return new TrackingException("runId", $"run {batch.RunId} does not exist");
        if (RunStatus.IsFinal(run.Status))
            return new TrackingException("runId", $"run {batch.RunId} is {run.Status}: it takes no more data");
        if (checkAttempt && batch.Attempt is { } attempt && attempt != run.Attempt)
            return new TrackingException("attempt", $"run {batch.RunId} is on attempt {run.Attempt}, not {attempt}");
        if (batch.Points.Count > MetricBatchValidator.MaxPoints)
            return new TrackingException("points", $"has {batch.Points.Count} points; at most {MetricBatchValidator.MaxPoints} per batch");
        var problems = MetricBatchValidator.Validate(batch.Key, batch.Points, run.DeclaredTasks);
        return problems.Count > 0 ? new TrackingException(problems) : null;
    }

    /// <summary>The group's runs with what the checks need; on PostgreSQL their rows stay locked to commit.
    /// <c>NO KEY UPDATE</c> does not block other tables' foreign-key checks, only other writers of these runs.</summary>
    private static Dictionary<long, RunState> LoadRuns(DbConnection connection, DbTransaction transaction, List<long> runIds, bool postgres)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var names = new List<string>(runIds.Count);
        foreach (var id in runIds)
        {
            names.Add($"@r{names.Count}");
            command.AddParameter(names[^1], id);
        }
        command.CommandText = $"""
            SELECT r."Id", r."Status", r."Attempt",
                   (SELECT COUNT(*) FROM "TaskPhases" p WHERE p."RunId" = r."Id" AND p."Name" IS NOT NULL)
            FROM "Runs" r WHERE r."Id" IN ({string.Join(", ", names)})
            ORDER BY r."Id" {(postgres ? "FOR NO KEY UPDATE OF r" : "")}
            """;
        var runs = new Dictionary<long, RunState>(runIds.Count);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var declared = reader.GetInt64(3);
            runs[reader.GetInt64(0)] = new RunState(reader.GetString(1), reader.GetInt32(2), declared > 0 ? (int)declared : null);
        }
        return runs;
    }

    /// <summary>Keyed batches per key-claiming statement (4 parameters each, far below both providers' limits).</summary>
    private const int KeysPerStatement = 500;

    /// <summary>
    /// Records the keys of the keyed batches among <paramref name="indexes"/>, one statement for many, and
    /// returns the indexes whose key was new. A key the run already had (a resent batch) is not returned, and of
    /// two batches with the same key in this group only the first is.
    /// </summary>
    private static HashSet<int> ClaimBatchKeys(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<IngestBatch> group, List<int> indexes, DateTime now)
    {
        var keyed = indexes.Where(i => group[i].Key is not null).ToList();
        var claimed = new HashSet<int>();
        for (var start = 0; start < keyed.Count; start += KeysPerStatement)
        {
            var part = keyed.Skip(start).Take(KeysPerStatement).ToList();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var rows = new List<string>(part.Count);
            foreach (var i in part)
            {
                var n = rows.Count;
                command.AddParameter($"@r{n}", group[i].RunId);
                command.AddParameter($"@k{n}", group[i].Key!);
                command.AddParameter($"@p{n}", group[i].Points.Count);
                rows.Add($"(@r{n}, @k{n}, @p{n}, @now)");
            }
            command.AddParameter("@now", now);
            // DO NOTHING skips a key the table has, and a repeat of a key earlier in the same VALUES list.
            command.CommandText = $"""
                INSERT INTO "MetricBatches" ("RunId", "Key", "Points", "ReceivedAt") VALUES {string.Join(", ", rows)}
                ON CONFLICT ("RunId", "Key") DO NOTHING
                RETURNING "RunId", "Key"
                """;
            var fresh = new HashSet<(long, string)>();
            using (var reader = command.ExecuteReader())
                while (reader.Read()) fresh.Add((reader.GetInt64(0), reader.GetString(1)));
            // The first batch of the group with a new key stored it; any later one with that key is its duplicate.
            foreach (var i in part)
                if (fresh.Remove((group[i].RunId, group[i].Key!))) claimed.Add(i);
        }
        return claimed;
    }

    /// <summary>Maps each (name, task) of the batch to its series id, creating the series it lacks.</summary>
    private static IReadOnlyDictionary<(string, int), long> ResolveSeries(
        DbConnection connection, DbTransaction transaction, long runId, IReadOnlyCollection<(string, int)> wanted)
    {
        var ids = LoadSeries(connection, transaction, runId);
        if (wanted.All(ids.ContainsKey)) return ids;

        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            // ON CONFLICT: another server process on PostgreSQL may have created the same series meanwhile.
            insert.CommandText = """
                INSERT INTO "MetricSeries" ("RunId", "Name", "TaskKey") VALUES (@run, @name, @task)
                ON CONFLICT ("RunId", "Name", "TaskKey") DO NOTHING
                """;
            var run = insert.AddParameter("@run", runId);
            var name = insert.AddParameter("@name", "");
            var task = insert.AddParameter("@task", 0);
            foreach (var (n, t) in wanted.Where(w => !ids.ContainsKey(w)))
            {
                name.Value = n;
                task.Value = t;
                insert.ExecuteNonQuery();
            }
        }
        return LoadSeries(connection, transaction, runId);
    }

    /// <summary>
    /// The statement that raises each series' point count, for the command that inserts the chunks: a count a
    /// reader sees always matches the points it can see. One statement for all series of the group, in id
    /// order: two writers of the same series then take the row locks in the same order and cannot deadlock.
    /// </summary>
    private static string AddToCounts(DbCommand command, IReadOnlyList<MetricChunk> chunks)
    {
        var added = new SortedDictionary<long, long>();
        foreach (var c in chunks) added[c.SeriesId] = added.GetValueOrDefault(c.SeriesId) + c.Count;
        var rows = new List<string>(added.Count);
        foreach (var (id, n) in added)
        {
            command.AddParameter($"@cs{rows.Count}", id);
            command.AddParameter($"@cp{rows.Count}", n);
            rows.Add($"(@cs{rows.Count}, @cp{rows.Count})");
        }
        return $"""
            INSERT INTO "MetricSeriesCounts" ("SeriesId", "Points") VALUES {string.Join(", ", rows)}
            ON CONFLICT ("SeriesId") DO UPDATE SET "Points" = "MetricSeriesCounts"."Points" + excluded."Points";
            """;
    }

    private static Dictionary<(string, int), long> LoadSeries(DbConnection connection, DbTransaction transaction, long runId)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = """SELECT "Id", "Name", "TaskKey" FROM "MetricSeries" WHERE "RunId" = @run""";
        select.AddParameter("@run", runId);
        var ids = new Dictionary<(string, int), long>();
        using var reader = select.ExecuteReader();
        while (reader.Read()) ids[(reader.GetString(1), reader.GetInt32(2))] = reader.GetInt64(0);
        return ids;
    }
}
