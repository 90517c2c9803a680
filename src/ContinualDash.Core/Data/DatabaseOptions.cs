using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace ContinualDash.Core.Data;

/// <summary>
/// Chooses the database provider from configuration: <c>Database:Provider</c> = <c>Sqlite</c> (default) or
/// <c>Postgres</c>, with the connection string in <c>ConnectionStrings:Default</c>. On SQLite,
/// <c>Database:SqliteSynchronous</c> = <c>Full</c> (default) or <c>Normal</c> sets the commit durability, and
/// <c>Database:SqliteBusyTimeout</c> (a time span, default 30 s) how long a statement waits for a lock held by
/// another process (a backup, a sqlite3 shell) before it fails; the web app answers 503 then.
/// </summary>
public static class DatabaseOptions
{
    public const string DefaultSqlite = "Data Source=data/continualdash.db";

    /// <summary>SQLite's wait for another process's lock when <c>Database:SqliteBusyTimeout</c> is not set.</summary>
    public static readonly TimeSpan DefaultSqliteBusyTimeout = TimeSpan.FromSeconds(30);

    public static void Configure(DbContextOptionsBuilder options, IConfiguration config) =>
        Configure(options, config["Database:Provider"], config.GetConnectionString("Default"), config["Database:SqliteSynchronous"],
            ParseSqliteBusyTimeout(config["Database:SqliteBusyTimeout"]));

    /// <param name="options">The builder to configure.</param>
    /// <param name="provider"><c>Sqlite</c> (also when null) or <c>Postgres</c>, case-insensitive.</param>
    /// <param name="connection">The connection string; null gives the default SQLite file.</param>
    /// <param name="sqliteSynchronous"><c>Full</c> (also when null) or <c>Normal</c>; ignored on PostgreSQL.</param>
    /// <param name="sqliteBusyTimeout">How long a SQLite statement waits for a lock; null for the default.</param>
    public static void Configure(DbContextOptionsBuilder options, string? provider, string? connection, string? sqliteSynchronous = null,
        TimeSpan? sqliteBusyTimeout = null)
    {
        switch ((provider ?? "Sqlite").Trim().ToLowerInvariant())
        {
            case "sqlite":
                // Both limits: SQLite's busy handler waits inside a statement, and Microsoft.Data.Sqlite then
                // retries SQLITE_BUSY until the command timeout, which on SQLite bounds only these retries.
                var busy = sqliteBusyTimeout ?? DefaultSqliteBusyTimeout;
                options.UseSqlite(PrepareSqlite(connection ?? DefaultSqlite), o => o.CommandTimeout((int)Math.Ceiling(busy.TotalSeconds)))
                    .AddInterceptors(new SqliteBusyTimeout(busy));
                // FULL is SQLite's own default, so only NORMAL needs a statement per opened connection.
                switch ((sqliteSynchronous ?? "Full").Trim().ToLowerInvariant())
                {
                    case "full": break;
                    case "normal": options.AddInterceptors(new SqliteSynchronousInterceptor("NORMAL")); break;
                    default: throw new InvalidOperationException(
                        $"Database:SqliteSynchronous must be Full or Normal, not '{sqliteSynchronous}'");
                }
                break;
            case "postgres" or "postgresql":
                options.UseNpgsql(connection ?? throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Default is empty"));
                break;
            default:
                throw new InvalidOperationException(
                    $"Database:Provider must be Sqlite or Postgres, not '{provider}'");
        }
    }

    /// <summary>Reads <c>Database:SqliteBusyTimeout</c>: null when unset; a clear error naming the setting when invalid.</summary>
    public static TimeSpan? ParseSqliteBusyTimeout(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting)) return null;
        return TimeSpan.TryParse(setting, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value > TimeSpan.Zero && value <= TimeSpan.FromHours(1)
            ? value
            : throw new InvalidOperationException(
                $"Database:SqliteBusyTimeout must be a time span between 00:00:01 and 01:00:00 (e.g. 00:00:30), not '{setting}'");
    }

    /// <summary>Creates the folder of a SQLite file so that the first start needs no manual step.</summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } path && path != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        return builder.ToString();
    }
}
