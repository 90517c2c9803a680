using ContinualDash.Cli.Configuration;
using ContinualDash.Core.Access;

namespace ContinualDash.Cli.Tokens;

/// <summary>
/// <c>continualdash token create --name NAME [--kind user|worker]</c>: creates an API token in the server's
/// database and prints it once on stdout (only its hash is stored).
/// </summary>
internal static class TokenCommand
{
    public const string Summary = "create an API token: token create --name NAME [--kind user|worker]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] != "create")
        {
            await stderr.WriteLineAsync("continualdash token: expected 'token create --name NAME'");
            return CommandLine.Usage;
        }
        Microsoft.Extensions.Configuration.IConfiguration config;
        try
        {
            config = ServerConfiguration.Load(args[1..]);
        }
        catch (FormatException e)
        {
            await stderr.WriteLineAsync($"continualdash token: {e.Message}");
            return CommandLine.Usage;
        }
        var name = config["name"];
        var kind = config["kind"] ?? ApiTokenKind.User;
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            await stderr.WriteLineAsync("continualdash token: --name must be 1 to 200 characters");
            return CommandLine.Usage;
        }
        if (kind is not (ApiTokenKind.User or ApiTokenKind.Worker))
        {
            await stderr.WriteLineAsync($"continualdash token: --kind must be {ApiTokenKind.User} or {ApiTokenKind.Worker}, not '{kind}'");
            return CommandLine.Usage;
        }

        try
        {
            await using var db = await ServerConfiguration.OpenDatabaseAsync(config, CancellationToken.None);
            var (token, secret) = await new ApiTokenService(db, TimeProvider.System)
                .CreateAsync(name, kind, runId: null, createdBy: Environment.UserName, CancellationToken.None);
            await stdout.WriteLineAsync(secret);
            await stderr.WriteLineAsync($"created {kind} token '{token.Name}' (prefix {token.Prefix}); it is not shown again");
            return CommandLine.Ok;
        }
        catch (InvalidOperationException e)
        {
            // A bad Database:Provider or connection string: the configuration, not the command, is wrong.
            await stderr.WriteLineAsync($"continualdash token: {e.Message.ReplaceLineEndings(" ")}");
            return CommandLine.Usage;
        }
    }
}
