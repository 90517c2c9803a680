using System.Data.Common;
using System.Text;
using ContinualDash.Core.Data;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ContinualDash.Core.Queue;

public sealed partial class JobQueue
{
    /// <summary>
    /// Claims the next job the worker can run: the highest-priority, oldest due queued job, or a running job
    /// whose heartbeat is older than the invisibility timeout (its worker is presumed dead; the claim starts the
    /// next attempt). Jobs abandoned on their last attempt are failed first, abandoned cancelled jobs cancelled.
    /// </summary>
    /// <param name="workerId">The claiming worker; later writes must present it.</param>
    /// <param name="workerName">Shown on the run.</param>
    /// <param name="labels">Labels the worker offers (normalised, see <see cref="JobLabels"/>); a job is
    /// claimable only if the worker offers all of the job's labels, and a command job only if the worker also
    /// offers <see cref="QueueOptions.CommandWorkerLabel"/>.</param>
    /// <param name="ct">Cancels the claim.</param>
    /// <returns>The claimed job, or null when there is nothing to do.</returns>
    public async Task<ClaimedJob?> ClaimAsync(string workerId, string workerName, string labels, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now - options.Value.InvisibilityTimeout;
        var postgres = db.Database.IsNpgsql();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // SQLite: BEGIN IMMEDIATE takes the single writer lock, which serialises claimers.
            // PostgreSQL: READ COMMITTED plus FOR UPDATE SKIP LOCKED in the sub-selects; a row a concurrent
            // claimer changed is re-checked against the WHERE clause before it is locked, so no job is taken twice.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var connection = db.Database.GetDbConnection();
            var transaction = tx.GetDbTransaction();

            foreach (var (runId, status) in await ReapAsync(connection, transaction, postgres, now, cutoff, ct))
            {
                var reaped = await db.Runs.FirstAsync(r => r.Id == runId, ct);
                if (reaped.IsFinal) continue;
                reaped.Finish(status, now, status == RunStatus.Failed ? LostWorkerError : "cancelled; its worker was lost");
                await RunFinalMetrics.UpdateAsync(db, live, reaped, ct);
            }

            var commandLabel = options.Value.CommandWorkerLabel;
            var takesCommands = commandLabel.Length == 0 || JobLabels.Split(labels).Contains(commandLabel, StringComparer.Ordinal);
            var claimed = await ClaimRowAsync(connection, transaction, postgres, workerId, labels, takesCommands, now, cutoff, ct);
            if (claimed is not null)
            {
                var run = await db.Runs.FirstAsync(r => r.Id == claimed.RunId, ct);
                if (run.Status == RunStatus.Running) run.Requeue(); // reclaimed from a lost worker
                run.Start(now, workerName);
                run.Attempt = claimed.Attempt;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return claimed;
        });
    }

    internal const string LostWorkerError = "the worker stopped sending heartbeats on the last attempt";

    private static async Task<List<(long RunId, string Status)>> ReapAsync(
        DbConnection connection, DbTransaction transaction, bool postgres, DateTime now, DateTime cutoff, CancellationToken ct)
    {
        const string abandoned = """
            "Status" = 'Running' AND "HeartbeatAt" < @cutoff AND ("CancelRequested" OR "Attempt" >= "MaxAttempts")
            """;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            UPDATE "Jobs" SET
              "Status" = CASE WHEN "CancelRequested" THEN 'Cancelled' ELSE 'Failed' END,
              "Error" = CASE WHEN "CancelRequested" THEN "Error" ELSE @error END,
              "FinishedAt" = @now
            WHERE {(postgres ? $"""
                "Id" IN (SELECT "Id" FROM "Jobs" WHERE {abandoned} FOR UPDATE SKIP LOCKED)
                """ : abandoned)}
            RETURNING "RunId", "Status"
            """;
        command.AddParameter("@cutoff", cutoff);
        command.AddParameter("@now", now);
        command.AddParameter("@error", LostWorkerError);
        var reaped = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) reaped.Add((reader.GetInt64(0), reader.GetString(1)));
        return reaped;
    }

    private static async Task<ClaimedJob?> ClaimRowAsync(
        DbConnection connection, DbTransaction transaction, bool postgres,
        string workerId, string labels, bool takesCommands, DateTime now, DateTime cutoff, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // SET reads the old row, so "Status" in the CASE is the status before the claim.
        command.CommandText = $"""
            UPDATE "Jobs" SET
              "Attempt" = CASE WHEN "Status" = 'Running' THEN "Attempt" + 1 ELSE "Attempt" END,
              "Status" = 'Running', "WorkerId" = @worker, "ClaimedAt" = @now, "HeartbeatAt" = @now
            WHERE "Id" = (
              SELECT "Id" FROM "Jobs"
              WHERE (("Status" = 'Queued' AND "NextAttemptAt" <= @now)
                  OR ("Status" = 'Running' AND "HeartbeatAt" < @cutoff AND NOT "CancelRequested" AND "Attempt" < "MaxAttempts"))
                AND {LabelCondition(command, labels)}{(takesCommands ? "" : $" AND \"Kind\" <> '{JobKind.Command}'")}
              ORDER BY "Priority" DESC, "NextAttemptAt", "Id"
              LIMIT 1{(postgres ? " FOR UPDATE SKIP LOCKED" : "")})
            RETURNING "Id", "RunId", "Kind", "PayloadJson", "Attempt"
            """;
        command.AddParameter("@worker", workerId);
        command.AddParameter("@now", now);
        command.AddParameter("@cutoff", cutoff);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new ClaimedJob(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4));
    }

    /// <summary>
    /// "The worker offers every label of the job", in SQL: strip each offered label from the job's
    /// space-padded label string; what is left must be blank. Stored labels are distinct and space-separated.
    /// </summary>
    private static string LabelCondition(DbCommand command, string workerLabels)
    {
        var sql = new StringBuilder("""(' ' || "Labels" || ' ')""");
        var offered = JobLabels.Split(workerLabels);
        for (var i = 0; i < offered.Length; i++)
        {
            command.AddParameter($"@l{i}", $" {offered[i]} ");
            sql.Insert(0, "REPLACE(").Append($", @l{i}, ' ')");
        }
        return $"TRIM({sql}) = ''";
    }
}
