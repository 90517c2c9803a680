namespace ContinualDash.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Run_UnknownCommand_Exits2WithOneLineReason()
    {
        var (code, stdout, stderr) = await RunAsync("no-such-command");

        Assert.Equal(CommandLine.Usage, code);
        Assert.Equal("", stdout);
        Assert.Equal("continualdash: unknown command 'no-such-command' (try 'continualdash --help')", stderr.TrimEnd());
    }

    [Fact]
    public async Task Run_Help_Exits0AndPrintsUsage()
    {
        var (code, stdout, _) = await RunAsync("--help");

        Assert.Equal(CommandLine.Ok, code);
        Assert.StartsWith("usage: continualdash COMMAND", stdout);
    }

    [Fact]
    public async Task Run_NoArguments_PrintsUsageAndExits2()
    {
        var (code, stdout, _) = await RunAsync();

        Assert.Equal(CommandLine.Usage, code);
        Assert.StartsWith("usage: continualdash COMMAND", stdout);
    }

    /// <summary>Runs the command line in-process and captures what it printed.</summary>
    internal static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
