using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace ContinualDash.Cli.Configuration;

/// <summary>
/// The configuration the server reads, in the server's order: the repository's <c>appsettings.json</c>
/// (found from the working directory upwards), then environment variables (<c>Database__Provider</c>), then
/// <c>--Key=Value</c> arguments (<c>--Database:Provider=Postgres</c>). Relative SQLite paths are relative to
/// the working directory, as for <c>./run.sh</c>, so run commands from the repository root.
/// </summary>
internal static class ServerConfiguration
{
    public static IConfiguration Load(string[] args)
    {
        var builder = new ConfigurationBuilder();
        if (FindSettings() is { } settings) builder.AddJsonFile(settings, optional: false, reloadOnChange: false);
        return builder.AddEnvironmentVariables().AddCommandLine(args).Build();
    }

    /// <summary>A context on the server's database, migrated to the current schema like the server does at start-up.</summary>
    public static async Task<DashDbContext> OpenDatabaseAsync(IConfiguration config, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<DashDbContext>();
        DatabaseOptions.Configure(options, config);
        var db = new DashDbContext(options.Options);
        await DatabaseStartup.MigrateAsync(db, ct);
        return db;
    }

    private static string? FindSettings()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "appsettings.json");
            if (File.Exists(path)) return path;
        }
        return null;
    }
}
