using System.Diagnostics;
using System.Text;
using ContinualDash.Core.Access;
using ContinualDash.Core.Data;
using ContinualDash.Testing;

namespace ContinualDash.Web.Tests.PythonClient;

/// <summary>
/// A Python process of the client's tests: Debian's interpreter (as CI has it; <c>PYTHON</c> overrides), the
/// package on <c>PYTHONPATH</c> (clients/python), no bytecode written into the source tree, output collected.
/// </summary>
internal sealed class PythonProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();

    private PythonProcess(Process process) => this.process = process;

    public static string Interpreter => Environment.GetEnvironmentVariable("PYTHON") ?? "/usr/bin/python3";

    public static string RepositoryRoot => EndToEnd.BrowserFixture.RepositoryRoot();

    public static string ClientDirectory => Path.Combine(RepositoryRoot, "clients", "python");

    public string Stdout { get { lock (stdout) return stdout.ToString(); } }

    public string Stderr { get { lock (stderr) return stderr.ToString(); } }

    public static PythonProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, string? program = null)
    {
        var start = new ProcessStartInfo(program ?? Interpreter)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["PYTHONPATH"] = ClientDirectory;
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        start.Environment["PYTHONUNBUFFERED"] = "1";
        // One PyTorch thread: the machine's cores are shared with the rest of the suite.
        start.Environment["OMP_NUM_THREADS"] = "1";
        foreach (var (key, value) in env ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var python = new PythonProcess(new Process { StartInfo = start });
        python.process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (python.stdout) python.stdout.AppendLine(e.Data); };
        python.process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (python.stderr) python.stderr.AppendLine(e.Data); };
        python.process.Start();
        python.process.BeginOutputReadLine();
        python.process.BeginErrorReadLine();
        return python;
    }

    /// <summary>Runs to the end (killed after <paramref name="minutes"/>); returns the exit code.</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(
        IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, string? program = null, double minutes = 3)
    {
        using var python = Start(args, env, program);
        var exit = await python.WaitAsync(TimeSpan.FromMinutes(minutes));
        return (exit, python.Stdout, python.Stderr);
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python did not end within {timeout}\n{Stdout}\n{Stderr}");
        }
        process.WaitForExit(); // drains the redirected output
        return process.ExitCode;
    }

    /// <summary>Polls the database every 50 ms until <paramref name="condition"/> holds (at most a minute).</summary>
    public async Task WaitUntilAsync(Func<DashDbContext> open, Func<DashDbContext, Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            await using (var db = open())
                if (await condition(db)) return;
            if (process.HasExited) throw new InvalidOperationException($"python ended first ({process.ExitCode})\n{Stdout}\n{Stderr}");
            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>SIGKILL: no atexit handler, no finally, as when a node goes down.</summary>
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

    /// <summary>A user token on <paramref name="app"/>'s database.</summary>
    public static async Task<string> TokenAsync(DashFactory app)
    {
        await using var db = app.CreateDbContext();
        var (_, token) = await new ApiTokenService(db, new ManualTimeProvider()).CreateAsync("python", ApiTokenKind.User, null, null, default);
        return token;
    }

    /// <summary>CONTINUALDASH_URL and CONTINUALDASH_TOKEN for <paramref name="app"/> (started on Kestrel).</summary>
    public static Dictionary<string, string> ClientEnvironment(DashFactory app, string token) => new()
    {
        ["CONTINUALDASH_URL"] = app.ClientOptions.BaseAddress.ToString().TrimEnd('/'),
        ["CONTINUALDASH_TOKEN"] = token,
    };
}
