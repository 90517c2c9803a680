using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ContinualDash.Core.Data;

/// <summary>
/// Sets SQLite's <c>synchronous</c> level on every connection EF opens (the setting is per connection, not
/// stored in the file). In WAL mode, NORMAL skips the fsync at each commit: a commit survives a crash of
/// the process, but the newest commits can be lost on power loss or an OS crash (docs/PERFORMANCE.md).
/// </summary>
internal sealed class SqliteSynchronousInterceptor(string level) : DbConnectionInterceptor
{
    private readonly string pragma = $"PRAGMA synchronous={level};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
