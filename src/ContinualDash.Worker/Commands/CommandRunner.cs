using System.ComponentModel;
using System.Diagnostics;
using ContinualDash.Core.Queue;

namespace ContinualDash.Worker.Commands;

/// <summary>
/// Runs an external program and hands each line of its stdout and stderr to a callback, which may wait
/// (back-pressure: the program then blocks on a full pipe). Cancelling kills the whole process tree.
/// </summary>
internal static class CommandRunner
{
    public static async Task<CommandResult> RunAsync(CommandSpec spec, IReadOnlyDictionary<string, string> extraEnv,
        Func<string, string, ValueTask> onLine, CancellationToken ct)
    {
        var start = new ProcessStartInfo(spec.Argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? "",
        };
        foreach (var arg in spec.Argv.Skip(1)) start.ArgumentList.Add(arg);
        foreach (var (k, v) in spec.Env ?? new Dictionary<string, string>()) start.Environment[k] = v;
        foreach (var (k, v) in extraEnv) start.Environment[k] = v;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or DirectoryNotFoundException)
        {
            return new CommandResult(-1, $"could not start '{spec.Argv[0]}': {e.Message}");
        }
        process.StandardInput.Close();
        await using (ct.Register(() => Kill(process)))
        {
            var stdout = PumpAsync(process.StandardOutput, "stdout", onLine);
            var stderr = PumpAsync(process.StandardError, "stderr", onLine);
            await Task.WhenAll(stdout, stderr);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        return new CommandResult(process.ExitCode);
    }

    private static async Task PumpAsync(StreamReader reader, string stream, Func<string, string, ValueTask> onLine)
    {
        // Read to the end even after a cancel: the killed process closes its pipes, which ends the loop.
        while (await reader.ReadLineAsync() is { } line) await onLine(stream, line);
    }

    private static void Kill(Process process)
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // already exited
    }
}
