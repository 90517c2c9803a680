using ContinualDash.Training.Data;
using ContinualDash.Training.Evaluation;
using ContinualDash.Training.Experiments;

namespace ContinualDash.Cli.Train;

/// <summary>
/// <c>continualdash train [OPTIONS] --out LOG.json</c>: runs the built-in trainer and writes the METRICS.md S7
/// accuracy log (plus loss and learning-rate sections) for <c>continualdash metrics</c>.
/// </summary>
internal static class TrainCommand
{
    public const string Summary = "train a continual learner with the built-in trainer; write an accuracy log";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["-h" or "--help"])
        {
            await stdout.WriteLineAsync("usage: continualdash train [OPTIONS] --out LOG.json [--progress-every N]");
            foreach (var line in TrainOptions.HelpLines()) await stdout.WriteLineAsync(line);
            return CommandLine.Ok;
        }
        var (spec, outPath, progressEvery, error) = TrainOptions.Parse(args);
        if (error is null && spec.Validate() is [var first, ..])
            error = $"invalid {TrainOptions.OptionFor(first.Field)}: {first.Message}";
        if (error is not null)
        {
            await stderr.WriteLineAsync($"continualdash train: {error}");
            return CommandLine.Usage;
        }

        LabeledImages train, test;
        try
        {
            (train, test) = ImageDatasetFiles.Load(spec.DataDirectory);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"continualdash train: {e.Message}");
            return CommandLine.Usage;
        }

        var recorded = new InMemoryMetricSink();
        try
        {
            ExperimentRunner.Run(spec, train, test, new ProgressSink(recorded, stderr, progressEvery, TimeProvider.System));
        }
        catch (ArgumentException e)
        {
            // Spec problems only visible with the data, e.g. a class order that does not match its classes.
            await stderr.WriteLineAsync($"continualdash train: {e.Message.ReplaceLineEndings(" ")}");
            return CommandLine.Usage;
        }

        // Write next to the target and rename, so an interrupted write never leaves a truncated log.
        var full = Path.GetFullPath(outPath!);
        var temporary = full + ".tmp";
        await using (var file = File.Create(temporary))
            JsonLogWriter.Write(recorded, spec, file);
        File.Move(temporary, full, overwrite: true);
        await stderr.WriteLineAsync($"wrote {full}");
        return CommandLine.Ok;
    }
}
