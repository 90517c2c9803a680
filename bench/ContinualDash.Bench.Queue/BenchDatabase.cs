using ContinualDash.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ContinualDash.Bench.Queue;

/// <summary>A fresh, migrated database for one measurement: a SQLite file or a new PostgreSQL database.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? folder;

    private BenchDatabase(string provider, string connection, string? folder)
    {
        Provider = provider;
        Connection = connection;
        this.folder = folder;
    }

    /// <summary>SQLite as Microsoft.Data.Sqlite opens it, without SQLite's busy timeout.</summary>
    public const string NoBusyTimeout = "Sqlite-no-busy-timeout";

    public string Provider { get; }
    public string Connection { get; }

    public static async Task<BenchDatabase> CreateAsync(string provider, string? postgresServer)
    {
        BenchDatabase database;
        if (provider.StartsWith("Sqlite", StringComparison.Ordinal))
        {
            var folder = Directory.CreateTempSubdirectory("cdash-bench-").FullName;
            database = new(provider, $"Data Source={Path.Combine(folder, "bench.db")}", folder);
        }
        else
        {
            var cs = new NpgsqlConnectionStringBuilder(postgresServer) { Database = "bench_" + Guid.NewGuid().ToString("N")[..10] };
            database = new(provider, cs.ConnectionString, null);
        }
        await using var db = database.Context();
        await DatabaseStartup.MigrateAsync(db, CancellationToken.None);
        return database;
    }

    public DashDbContext Context()
    {
        var options = new DbContextOptionsBuilder<DashDbContext>();
        // The app's configuration, or (for comparison) plain SQLite without the busy-timeout interceptor.
        if (Provider == NoBusyTimeout) options.UseSqlite(Connection);
        else DatabaseOptions.Configure(options, Provider, Connection);
        return new DashDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            return;
        }
        await using var db = Context();
        NpgsqlConnection.ClearAllPools();
        await db.Database.EnsureDeletedAsync();
    }
}
