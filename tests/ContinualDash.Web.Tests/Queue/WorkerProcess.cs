using System.Collections.Concurrent;
using System.Diagnostics;
using ContinualDash.Core.Data;

namespace ContinualDash.Web.Tests.Queue;

/// <summary>A real <c>continualdash worker</c> process (the CLI built next to these tests), for failure tests.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private WorkerProcess(Process process) => this.process = process;

    public static WorkerProcess Start(string server, string token, string labels)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { CliPath, "worker", "--server", server, "--token", token, "--labels", labels, "--slots", "1" })
            start.ArgumentList.Add(arg);
        var worker = new WorkerProcess(new Process { StartInfo = start });
        worker.process.ErrorDataReceived += (_, e) => { if (e.Data is not null) worker.output.Enqueue(e.Data); };
        worker.process.OutputDataReceived += (_, e) => { if (e.Data is not null) worker.output.Enqueue(e.Data); };
        worker.process.Start();
        worker.process.BeginErrorReadLine();
        worker.process.BeginOutputReadLine();
        return worker;
    }

    /// <summary>What the worker printed, for failure messages.</summary>
    public string Output => string.Join('\n', output);

    public bool HasExited => process.HasExited;

    /// <summary>Polls the database until the condition holds; fails at once if this worker died, after 60 s otherwise.</summary>
    public async Task WaitUntilAsync(Func<DashDbContext> open, Func<DashDbContext, Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            await using (var db = open())
                if (await condition(db)) return;
            Assert.False(HasExited, $"the worker exited early:\n{Output}");
            try { await Task.Delay(100, deadline.Token); }
            catch (OperationCanceledException) { Assert.Fail($"timed out; worker output:\n{Output}"); }
        }
    }

    /// <summary>SIGKILL to the worker and its job's processes: no chance to report anything.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    /// <summary>The CLI of the same configuration as these tests: tests/X/bin/{Config}/{tfm} → src/ContinualDash.Cli/bin/{Config}/{tfm}.</summary>
    private static string CliPath
    {
        get
        {
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var root = tfm.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(root, "src", "ContinualDash.Cli", "bin", tfm.Parent.Name, tfm.Name, "continualdash.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"build the CLI first: {path} is missing");
        }
    }
}
