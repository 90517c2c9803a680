using ContinualDash.Core.Access;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Cli.Tests.Tokens;

public sealed class TokenCommandTests
{
    [Fact]
    public async Task Create_WithName_MigratesPrintsTokenOnceAndStoresOnlyItsHash()
    {
        await using var database = TestDatabase.Create();

        var (code, stdout, stderr) = await CommandLineTests.RunAsync("token", "create", "--name", "gpu-box",
            $"--Database:Provider={database.Provider}", $"--ConnectionStrings:Default={database.ConnectionString}");

        Assert.True(code == CommandLine.Ok, stderr);
        var secret = stdout.Trim();
        Assert.Matches("^cd_[a-z0-9]{8}_[a-z0-9]{32}$", secret);
        Assert.Contains("not shown again", stderr);
        await using var db = database.CreateContext();
        var token = await db.ApiTokens.SingleAsync();
        Assert.Equal(("gpu-box", ApiTokenKind.User, ApiTokenService.Hash(secret)), (token.Name, token.Kind, token.Hash));
        Assert.DoesNotContain(await db.ApiTokens.Select(t => t.Hash + t.Prefix + t.Name).SingleAsync(), secret);
    }

    [Fact]
    public async Task Create_FromEnvironmentStyleConfiguration_UsesPostgres()
    {
        await using var database = TestDatabase.Postgres();

        var (code, stdout, stderr) = await CommandLineTests.RunAsync("token", "create", "--name=ci", "--kind=worker",
            "--Database:Provider=Postgres", $"--ConnectionStrings:Default={database.ConnectionString}");

        Assert.True(code == CommandLine.Ok, stderr);
        await using var db = database.CreateContext();
        Assert.Equal(ApiTokenService.Hash(stdout.Trim()), (await db.ApiTokens.SingleAsync(t => t.Kind == ApiTokenKind.Worker)).Hash);
    }

    [Theory]
    [InlineData(new[] { "token" }, "expected 'token create --name NAME'")]
    [InlineData(new[] { "token", "create" }, "--name must be 1 to 200 characters")]
    [InlineData(new[] { "token", "create", "--name", "x", "--kind", "run" }, "--kind must be user or worker, not 'run'")]
    [InlineData(new[] { "token", "create", "--name", "x", "--Database:Provider=Oracle" }, "Database:Provider must be Sqlite or Postgres, not 'Oracle'")]
    public async Task Create_BadArguments_Exits2WithOneLineReason(string[] args, string reason)
    {
        var (code, stdout, stderr) = await CommandLineTests.RunAsync(args);

        Assert.Equal(CommandLine.Usage, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains(reason, stderr);
    }
}
