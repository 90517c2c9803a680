using ContinualDash.Core.Data;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tests.Data;

public sealed class DatabaseOptionsTests
{
    [Theory]
    [InlineData(null, 2L)]
    [InlineData("Full", 2L)]
    [InlineData("normal", 1L)]
    public async Task Configure_SqliteSynchronous_SetsTheLevelOnEveryConnection(string? setting, long expected)
    {
        await using var database = TestDatabase.Sqlite();
        var options = new DbContextOptionsBuilder<DashDbContext>();
        DatabaseOptions.Configure(options, "Sqlite", database.ConnectionString, setting);
        await using var db = new DashDbContext(options.Options);
        await DatabaseStartup.MigrateAsync(db, CancellationToken.None);

        var level = await db.Database.SqlQueryRaw<long>("""SELECT synchronous AS "Value" FROM pragma_synchronous""").SingleAsync();

        Assert.Equal(expected, level);
    }

    [Fact]
    public void Configure_UnknownSqliteSynchronous_ThrowsNamingTheSetting()
    {
        var options = new DbContextOptionsBuilder<DashDbContext>();

        var error = Assert.Throws<InvalidOperationException>(() => DatabaseOptions.Configure(options, "Sqlite", "Data Source=x.db", "Off"));

        Assert.Contains("Database:SqliteSynchronous", error.Message);
    }

    [Theory]
    [InlineData(null, 30000L)]
    [InlineData("00:00:02", 2000L)]
    public async Task Configure_SqliteBusyTimeout_SetsTheWaitOnEveryConnection(string? setting, long expectedMs)
    {
        await using var database = TestDatabase.Sqlite();
        var options = new DbContextOptionsBuilder<DashDbContext>();
        DatabaseOptions.Configure(options, "Sqlite", database.ConnectionString, null, DatabaseOptions.ParseSqliteBusyTimeout(setting));
        await using var db = new DashDbContext(options.Options);

        var timeout = await db.Database.SqlQueryRaw<long>("""SELECT timeout AS "Value" FROM pragma_busy_timeout""").SingleAsync();

        Assert.Equal(expectedMs, timeout);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("00:00:00")]
    [InlineData("-00:00:05")]
    public void ParseSqliteBusyTimeout_Invalid_ThrowsNamingTheSetting(string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseOptions.ParseSqliteBusyTimeout(setting));

        Assert.Contains("Database:SqliteBusyTimeout", error.Message);
        Assert.Contains(setting, error.Message);
    }
}
