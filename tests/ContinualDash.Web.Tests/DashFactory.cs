using ContinualDash.Core.Data;
using ContinualDash.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ContinualDash.Web.Tests;

/// <summary>
/// The real web app on its own fresh database (a SQLite file by default; <see cref="Provider"/> =
/// <c>Postgres</c> for the test server). One factory per test class; dispose deletes the database.
/// </summary>
public class DashFactory : WebApplicationFactory<Program>
{
    private TestDatabase? database;

    /// <summary><c>Sqlite</c> or <c>Postgres</c>; defaults to <see cref="TestDatabase.DefaultProvider"/> (<c>TEST_PROVIDER</c>).</summary>
    public string Provider { get; init; } = TestDatabase.DefaultProvider;

    /// <summary>Extra configuration (e.g. <c>Training:DataDirectory</c>), applied before the host starts.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public TestDatabase Database => database ??= TestDatabase.Create(Provider);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Default", Database.ConnectionString);
        // Single-user mode unless a test asks for accounts (Settings["Auth:Mode"] = "accounts"): see Web.Tests/Access.
        builder.UseSetting("Auth:Mode", "none");
        builder.UseSetting("Queue:CommandWorkerLabel", "");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>A context on the app's database, for arranging and checking what the app stored.</summary>
    public DashDbContext CreateDbContext()
    {
        _ = Services; // make sure the host started, so migrations are applied
        return Database.CreateContext();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
