using ContinualDash.Cli.Metrics;
using ContinualDash.Cli.Train;

namespace ContinualDash.Cli;

/// <summary>
/// Dispatches <c>continualdash COMMAND ...</c> to a command. Exit codes: 0 success, 1 failure while running,
/// 2 bad usage or invalid input (with a one-line reason on stderr).
/// </summary>
internal static class CommandLine
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    private static readonly Dictionary<string, (string Summary, Func<string[], TextWriter, TextWriter, Task<int>> Run)> Commands = new()
    {
        ["metrics"] = (MetricsCommand.Summary, MetricsCommand.RunAsync),
        ["token"] = (Tokens.TokenCommand.Summary, Tokens.TokenCommand.RunAsync),
        ["train"] = (TrainCommand.Summary, TrainCommand.RunAsync),
        ["worker"] = (Worker.WorkerCommand.Summary, Worker.WorkerCommand.RunAsync),
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintHelp(stdout);
            return args.Length == 0 ? Usage : Ok;
        }
        if (!Commands.TryGetValue(args[0], out var command))
        {
            await stderr.WriteLineAsync($"continualdash: unknown command '{args[0]}' (try 'continualdash --help')");
            return Usage;
        }
        return await command.Run(args[1..], stdout, stderr);
    }

    private static void PrintHelp(TextWriter stdout)
    {
        stdout.WriteLine("usage: continualdash COMMAND [ARGS]");
        stdout.WriteLine();
        stdout.WriteLine("commands:");
        foreach (var (name, (summary, _)) in Commands.OrderBy(c => c.Key))
            stdout.WriteLine($"  {name,-10} {summary}");
    }
}
