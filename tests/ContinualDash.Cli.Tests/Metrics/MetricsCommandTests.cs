using System.Text.Json;
using ContinualDash.Core.Evaluation;

namespace ContinualDash.Cli.Tests.Metrics;

public sealed class MetricsCommandTests : IDisposable
{
    private const string Valid = """
        {"task_boundaries": [1, 3], "evals": [
          {"iteration": 0, "task": 0, "accuracy": 0.5}, {"iteration": 1, "task": 0, "accuracy": 0.9},
          {"iteration": 2, "task": 0, "accuracy": 0.4}, {"iteration": 2, "task": 1, "accuracy": 0.6},
          {"iteration": 3, "task": 0, "accuracy": 0.8}, {"iteration": 3, "task": 1, "accuracy": 0.7}]}
        """;

    private static readonly string Example = Path.Combine(AppContext.BaseDirectory, "Metrics", "accuracy-log.json");
    private readonly string _dir = Directory.CreateTempSubdirectory("cdash-metrics-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Run_ReadmeExample_PrintsTheS7ReportToStdout()
    {
        var (code, stdout, stderr) = await CommandLineTests.RunAsync("metrics", Example);

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal("", stderr);
        var expected = MetricsReportJson.ToJson(ContinualMetrics.Compute(AccuracyLogJson.Parse(File.ReadAllBytes(Example))));
        Assert.Equal(expected, stdout.TrimEnd());
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("0.8166666667", json.RootElement.GetProperty("final").GetProperty("avg_acc").GetRawText());
    }

    [Fact]
    public async Task Run_WithOutputFile_WritesFileAndPrintsNothing()
    {
        var input = Write("in.json", Valid);
        var output = Path.Combine(_dir, "out.json");

        var (code, stdout, stderr) = await CommandLineTests.RunAsync("metrics", input, "-o", output);

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal("", stdout + stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(2, json.RootElement.GetProperty("num_tasks").GetInt32());
        Assert.Equal(["in.json", "out.json"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("""{"task_boundaries": [1], "evals": [{"iteration": 0, "task": 0, "accuracy": 95}]}""",
        "evals[0].accuracy = 95 is not a fraction in [0, 1] (percentages must be divided by 100)")]
    [InlineData("""{"task_boundaries": [1], "evals": [{"iteration": 2, "task": 0, "accuracy": 0.5}]}""",
        "evals[0].iteration = 2 is after the last task boundary 1")]
    [InlineData("""{"task_boundaries": [1], "evals": [{"iteration": 1, "task": 0, "accuracy": 0.5}, {"iteration": 1, "task": 0, "accuracy": 0.6}]}""",
        "evals[1] repeats (iteration 1, task 0) of evals[0]")]
    [InlineData("""{"task_boundaries": [3, 3], "evals": []}""",
        "task_boundaries must be strictly increasing: task_boundaries[1] = 3 is not after task_boundaries[0] = 3")]
    [InlineData("""{"task_boundaries": [1], "evals": [{"iteration": 0, "task": 0, "accuracy": NaN}]}""",
        "malformed JSON at line 1, byte 76: NaN is not a number in JSON (accuracies must be finite)")]
    [InlineData("""{"task_boundaries": [1], "evals": [{"iteration": 0, "task": 3, "accuracy": 0.5}]}""",
        "evals[0].task = 3 is not a task index (0..0)")]
    [InlineData("""{"task_boundaries": [1], """, "malformed JSON at line 1, byte 26: Expected start of a property name or value, but instead reached end of data")]
    public async Task Run_InvalidInput_Exits2WithOneLineAndLeavesOutputUntouched(string json, string reason)
    {
        var input = Write("in.json", json);
        var output = Write("out.json", "previous result");

        var (code, stdout, stderr) = await CommandLineTests.RunAsync("metrics", input, "-o", output);

        Assert.Equal(CommandLine.Usage, code);
        Assert.Equal("", stdout);
        Assert.Equal($"continualdash metrics: {input}: {reason}\n", stderr.ReplaceLineEndings("\n"));
        Assert.Equal("previous result", File.ReadAllText(output));
        Assert.Equal(2, Directory.GetFiles(_dir).Length);
    }

    [Theory]
    [InlineData(new string[0], "continualdash metrics: missing IN.json (usage: continualdash metrics IN.json [-o OUT.json])")]
    [InlineData(new[] { "a.json", "b.json" }, "continualdash metrics: exactly one input file is expected (usage: continualdash metrics IN.json [-o OUT.json])")]
    [InlineData(new[] { "a.json", "-o" }, "continualdash metrics: -o needs a file name (usage: continualdash metrics IN.json [-o OUT.json])")]
    [InlineData(new[] { "a.json", "--pretty" }, "continualdash metrics: unknown option '--pretty' (usage: continualdash metrics IN.json [-o OUT.json])")]
    public async Task Run_BadArguments_Exits2WithUsage(string[] args, string message)
    {
        var (code, stdout, stderr) = await CommandLineTests.RunAsync(["metrics", .. args]);

        Assert.Equal(CommandLine.Usage, code);
        Assert.Equal("", stdout);
        Assert.Equal(message, stderr.TrimEnd());
    }

    [Fact]
    public async Task Run_MissingInputFile_Exits2()
    {
        var missing = Path.Combine(_dir, "missing.json");

        var (code, _, stderr) = await CommandLineTests.RunAsync("metrics", missing);

        Assert.Equal(CommandLine.Usage, code);
        Assert.StartsWith($"continualdash metrics: cannot read {missing}: ", stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Run_Help_ListsTheMetricsCommand()
    {
        var (code, stdout, _) = await CommandLineTests.RunAsync("--help");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Contains("metrics", stdout);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
