using ContinualDash.Core.Tracking;
using ContinualDash.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ContinualDash.Testing;

/// <summary>
/// A fresh, real database for one test: a SQLite file in a temporary folder, or a new database on the
/// PostgreSQL server that <c>./test.sh</c> starts (connection string in the <c>TEST_PG</c> variable).
/// Disposing deletes it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? folder;

    private TestDatabase(string provider, string connectionString, string? folder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.folder = folder;
    }

    /// <summary><c>Sqlite</c> or <c>Postgres</c>: the value for <c>Database:Provider</c>.</summary>
    public string Provider { get; }
    public string ConnectionString { get; }

    /// <summary>
    /// The provider of tests that do not name one: <c>TEST_PROVIDER</c> (<c>Sqlite</c> or <c>Postgres</c>),
    /// SQLite when unset. <c>./test.sh</c> runs the integration projects once with each, so every test that
    /// uses <see cref="Create()"/> or a default <c>DashFactory</c> checks both databases.
    /// </summary>
    public static string DefaultProvider =>
        Environment.GetEnvironmentVariable("TEST_PROVIDER") switch
        {
            null or "" => "Sqlite",
            var name when name.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => "Sqlite",
            var name when name.Equals("Postgres", StringComparison.OrdinalIgnoreCase) => "Postgres",
            var name => throw new InvalidOperationException($"TEST_PROVIDER must be Sqlite or Postgres, not '{name}'"),
        };

    /// <summary>A fresh database on <see cref="DefaultProvider"/>.</summary>
    public static TestDatabase Create() => Create(DefaultProvider);

    public static TestDatabase Create(string provider) => provider switch
    {
        "Sqlite" => Sqlite(),
        "Postgres" => Postgres(),
        _ => throw new ArgumentException($"unknown provider {provider}", nameof(provider)),
    };

    public static TestDatabase Sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("cdash-test-").FullName;
        return new("Sqlite", $"Data Source={Path.Combine(folder, "test.db")}", folder);
    }

    /// <summary>A SQLite file in a folder the caller owns (e.g. a tiny tmpfs); disposing deletes the file,
    /// not the folder.</summary>
    public static TestDatabase SqliteIn(string folder) =>
        new("Sqlite", $"Data Source={Path.Combine(folder, "test.db")}", null);

    /// <summary>A uniquely named database on the test server; it is created by the first Migrate().</summary>
    public static TestDatabase Postgres()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer)
        {
            Database = "t_" + Guid.NewGuid().ToString("N")[..12],
        };
        return new("Postgres", builder.ConnectionString, null);
    }

    /// <summary>The test server's connection string. The test script always sets it; running the
    /// PostgreSQL tests without it is a set-up mistake, so it fails loudly instead of skipping.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("TEST_PG") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "TEST_PG is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL server");

    /// <summary>A context on the database; with <paramref name="notifier"/>, its committed changes of runs and
    /// task phases are announced there as in the server (<see cref="TrackingChangeInterceptor"/>).</summary>
    public DashDbContext CreateContext(TrackingNotifier? notifier = null)
    {
        var options = new DbContextOptionsBuilder<DashDbContext>();
        DatabaseOptions.Configure(options, Provider, ConnectionString);
        if (notifier is not null) options.AddInterceptors(new TrackingChangeInterceptor(notifier));
        return new DashDbContext(options.Options);
    }

    /// <summary>A context on a database with every migration applied.</summary>
    public async Task<DashDbContext> CreateMigratedContextAsync()
    {
        var db = CreateContext();
        await DatabaseStartup.MigrateAsync(db, CancellationToken.None);
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == "Sqlite")
        {
            SqliteConnection.ClearAllPools();
            if (folder is not null)
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
            else
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                    File.Delete(new SqliteConnectionStringBuilder(ConnectionString).DataSource + suffix);
        }
        else
        {
            await using var db = CreateContext();
            NpgsqlConnection.ClearAllPools();
            await db.Database.EnsureDeletedAsync();
        }
    }
}
