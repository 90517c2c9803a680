using ContinualDash.Cli.Worker;

namespace ContinualDash.Cli.Tests.Worker;

public sealed class WorkerCommandTests
{
    [Theory]
    [InlineData("--token t", "--server URL is required")]
    [InlineData("--server ftp://x --token t", "--server must be an http(s) URL")]
    [InlineData("--server http://x", "--token TOKEN is required")]
    [InlineData("--server http://x --token t --slots 0", "--slots must be a whole number from 1 to 64")]
    [InlineData("--server http://x --token t --labels bad/label", "--labels: 'bad/label' is not a label")]
    [InlineData("--server http://x --token t --gpu 1", "unknown option '--gpu'")]
    [InlineData("--server http://x --token", "--token needs a value")]
    public async Task Run_BadOptions_Exits2WithOneLineReason(string args, string reason)
    {
        var (code, _, stderr) = await CommandLineTests.RunAsync(["worker", .. args.Split(' ')]);

        Assert.Equal(CommandLine.Usage, code);
        Assert.StartsWith($"continualdash worker: {reason}", stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Parse_AllOptions_ReadsThem()
    {
        var parsed = WorkerArguments.Parse(
            ["--server", "http://dash:5000", "--labels", "gpu,big", "--labels", "fast", "--slots", "2", "--name", "box"], "env-token");

        Assert.Equal(new Uri("http://dash:5000"), parsed.Server);
        Assert.Equal("env-token", parsed.Token);
        Assert.Equal(["gpu", "big", "fast"], parsed.Labels);
        Assert.Equal((2, "box"), (parsed.Slots, parsed.Name));
    }

    [Fact]
    public async Task Run_Help_ListsWorkerCommand()
    {
        var (_, stdout, _) = await CommandLineTests.RunAsync("--help");

        Assert.Contains("worker", stdout);
        Assert.Contains("--server URL --token TOKEN", stdout);
    }
}
