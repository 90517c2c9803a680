using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ContinualDash.Core.Data;

/// <summary>
/// Sets SQLite's own busy timeout on every connection. Without it, a writer that finds the database locked
/// gets SQLITE_BUSY at once and Microsoft.Data.Sqlite retries after a fixed 150 ms sleep, so 8 workers
/// claiming jobs spent most of their time asleep; SQLite's busy handler retries within milliseconds.
/// The same wait covers another process holding the file (Database:SqliteBusyTimeout).
/// </summary>
internal sealed class SqliteBusyTimeout(TimeSpan timeout) : DbConnectionInterceptor
{
    private readonly string pragma = $"PRAGMA busy_timeout = {(long)timeout.TotalMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is not SqliteConnection) return;
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is not SqliteConnection) return;
        await using var command = connection.CreateCommand();
        command.CommandText = pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
