using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace ContinualDash.Core.Data;

/// <summary>
/// Chooses the database provider from configuration: <c>Database:Provider</c> = <c>Sqlite</c> (default) or
/// <c>Postgres</c>, with the connection string in <c>ConnectionStrings:Default</c>. On SQLite,
/// <c>Database:SqliteSynchronous</c> = <c>Full</c> (default) or <c>Normal</c> sets the commit durability.
/// </summary>
public static class DatabaseOptions
{
    public const string DefaultSqlite = "Data Source=data/continualdash.db";

    public static void Configure(DbContextOptionsBuilder options, IConfiguration config) =>
        Configure(options, config["Database:Provider"], config.GetConnectionString("Default"), config["Database:SqliteSynchronous"]);

    /// <param name="options">The builder to configure.</param>
    /// <param name="provider"><c>Sqlite</c> (also when null) or <c>Postgres</c>, case-insensitive.</param>
    /// <param name="connection">The connection string; null gives the default SQLite file.</param>
    /// <param name="sqliteSynchronous"><c>Full</c> (also when null) or <c>Normal</c>; ignored on PostgreSQL.</param>
    public static void Configure(DbContextOptionsBuilder options, string? provider, string? connection, string? sqliteSynchronous = null)
    {
        switch ((provider ?? "Sqlite").Trim().ToLowerInvariant())
        {
            case "sqlite":
                options.UseSqlite(PrepareSqlite(connection ?? DefaultSqlite)).AddInterceptors(SqliteBusyTimeout.Instance);
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
