using ContinualDash.Core.Evaluation;

namespace ContinualDash.Cli.Metrics;

/// <summary>
/// <c>continualdash metrics IN.json [-o OUT.json]</c> (METRICS.md S7): every metric of an accuracy log, as
/// JSON on stdout or in OUT.json. Invalid input exits 2 with one line on stderr and writes nothing.
/// </summary>
internal static class MetricsCommand
{
    public const string Summary = "compute continual-evaluation metrics of an accuracy log (METRICS.md S7)";

    private const string UsageLine = "usage: continualdash metrics IN.json [-o OUT.json]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["-h" or "--help"])
        {
            await stdout.WriteLineAsync(UsageLine);
            return CommandLine.Ok;
        }
        if (!TryParseArguments(args, out var input, out var output, out var usageError))
            return await FailAsync(stderr, $"{usageError} ({UsageLine})");

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(input);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await FailAsync(stderr, $"cannot read {input}: {e.Message}");
        }

        byte[] json;
        try
        {
            json = MetricsReportJson.ToUtf8Bytes(ContinualMetrics.Compute(AccuracyLogJson.Parse(bytes)));
        }
        catch (MetricsInputException e)
        {
            return await FailAsync(stderr, $"{input}: {e.Message}");
        }

        if (output is null)
        {
            await stdout.WriteLineAsync(System.Text.Encoding.UTF8.GetString(json));
            return CommandLine.Ok;
        }
        return await WriteAtomicallyAsync(output, json, stderr);
    }

    private static bool TryParseArguments(string[] args, out string input, out string? output, out string error)
    {
        (input, output, error) = ("", null, "");
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "-o" or "--output")
            {
                if (i + 1 >= args.Length || output is not null)
                {
                    error = output is null ? "-o needs a file name" : "-o given twice";
                    return false;
                }
                output = args[++i];
            }
            else if (args[i].StartsWith('-') && args[i] != "-")
            {
                error = $"unknown option '{args[i]}'";
                return false;
            }
            else
            {
                positional.Add(args[i]);
            }
        }
        if (positional.Count != 1)
        {
            error = positional.Count == 0 ? "missing IN.json" : "exactly one input file is expected";
            return false;
        }
        input = positional[0];
        return true;
    }

    /// <summary>Writes a temporary file next to the target and renames it, so OUT.json is never partial.</summary>
    private static async Task<int> WriteAtomicallyAsync(string output, byte[] json, TextWriter stderr)
    {
        var full = Path.GetFullPath(output);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllBytesAsync(temporary, json);
            File.Move(temporary, full, overwrite: true);
            return CommandLine.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            await stderr.WriteLineAsync($"continualdash metrics: cannot write {output}: {e.Message}");
            return CommandLine.Failure;
        }
    }

    private static async Task<int> FailAsync(TextWriter stderr, string reason)
    {
        await stderr.WriteLineAsync($"continualdash metrics: {reason.ReplaceLineEndings(" ")}");
        return CommandLine.Usage;
    }
}
