using System.Text.Json;
using ContinualDash.Testing.Datasets;

namespace ContinualDash.Cli.Tests.Train;

public sealed class TrainCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "train-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Run_TinyDataset_WritesMetricsLog()
    {
        SyntheticIdx.WriteDataset(_dir, trainPerClass: 12, testPerClass: 5);
        var log = Path.Combine(_dir, "log.json");

        var (code, _, stderr) = await CommandLineTests.RunAsync("train", "--data", _dir, "--strategy", "er", "--epochs", "2",
            "--batch-size", "8", "--replay-batch", "8", "--memory", "20", "--hidden", "16", "--eval-subset", "6", "--out", log, "--progress-every", "5");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Contains("iteration 5 task 0 loss", stderr);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(log));
        // 24 training images per task, batch 8: 3 updates per epoch, 2 epochs.
        Assert.Equal([6, 12, 18, 24, 30], doc.RootElement.GetProperty("task_boundaries").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(1 + 6 * 15, doc.RootElement.GetProperty("evals").GetArrayLength());
        Assert.False(File.Exists(log + ".tmp"));
    }

    [Fact]
    public async Task Run_MissingData_Exits2NamingAptPackage()
    {
        var (code, _, stderr) = await CommandLineTests.RunAsync("train", "--data", _dir, "--out", Path.Combine(_dir, "x.json"));

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("dataset-fashion-mnist", stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("continualdash train: invalid --lr: must be a positive number, got -1", "--lr", "-1", "--out", "x.json")]
    [InlineData("continualdash train: invalid --epochs: 'ten' is not an integer", "--epochs", "ten", "--out", "x.json")]
    [InlineData("continualdash train: unknown option '--bogus'", "--bogus", "--out", "x.json")]
    [InlineData("continualdash train: --out FILE is required", "--strategy", "er")]
    [InlineData("continualdash train: invalid --strategy: must be one of finetune, joint, er, agem, ewc, lwf, si, got 'magic'", "--strategy", "magic", "--out", "x.json")]
    public async Task Run_BadArguments_Exits2WithOneLineReason(string expected, params string[] args)
    {
        var (code, _, stderr) = await CommandLineTests.RunAsync(["train", .. args]);

        Assert.Equal(CommandLine.Usage, code);
        Assert.Equal(expected, stderr.TrimEnd());
    }
}
