using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ContinualDash.Core.RunLogs;

/// <summary>Appends log lines of a run's attempt; a line already stored (a retried report) is skipped.</summary>
public sealed class RunLogWriter(DashDbContext db, TimeProvider time)
{
    /// <summary>Longest line kept; longer lines are cut, so that one runaway line cannot fill the database.</summary>
    public const int MaxLineLength = 8_000;

    /// <returns>The number of lines newly stored.</returns>
    public async Task<int> AppendAsync(long runId, int attempt, IReadOnlyList<LogLineInput> lines, CancellationToken ct)
    {
        if (lines.Count == 0) return 0;
        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await using var insert = db.Database.GetDbConnection().CreateCommand();
        insert.Transaction = tx.GetDbTransaction();
        insert.CommandText = """
            INSERT INTO "RunLogLines" ("RunId", "Attempt", "Sequence", "Stream", "Text", "At")
            VALUES (@run, @attempt, @sequence, @stream, @text, @at)
            ON CONFLICT ("RunId", "Attempt", "Sequence") DO NOTHING
            """;
        insert.AddParameter("@run", runId);
        insert.AddParameter("@attempt", attempt);
        var sequence = insert.AddParameter("@sequence", 0L);
        var stream = insert.AddParameter("@stream", "");
        var text = insert.AddParameter("@text", "");
        insert.AddParameter("@at", now);
        var stored = 0;
        foreach (var line in lines)
        {
            sequence.Value = line.Sequence;
            stream.Value = line.Stream == "stderr" ? "stderr" : "stdout";
            text.Value = line.Text.Length > MaxLineLength ? line.Text[..MaxLineLength] : line.Text;
            stored += await insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return stored;
    }
}
