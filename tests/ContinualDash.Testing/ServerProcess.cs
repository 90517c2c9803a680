using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ContinualDash.Testing;

/// <summary>
/// The real dashboard as a child process (<c>dotnet ContinualDash.Web.dll</c> from the build output) on a
/// loopback port and a given database, for fault tests and the benches: it can be killed like a crashed
/// server and started again on the same address.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private bool disposed;

    private ServerProcess(Process process, string url)
    {
        this.process = process;
        Url = url;
    }

    /// <summary><c>http://127.0.0.1:port</c>, without a trailing slash.</summary>
    public string Url { get; }

    /// <summary>Everything the server printed (its console log), for failure messages and log checks.</summary>
    public string Output => string.Join('\n', output);

    /// <summary>Starts the server and waits until <c>/healthz</c> answers 200 (migrations done); throws with
    /// the server's output if it exits or is not healthy within a minute. <paramref name="webDll"/> is another
    /// build's <c>ContinualDash.Web.dll</c> (the load bench's baseline); by default the one next to the caller's.</summary>
    public static Task<ServerProcess> StartAsync(
        TestDatabase database, int port, IReadOnlyDictionary<string, string>? settings = null, string? webDll = null) =>
        StartAsync(database.Provider, database.ConnectionString, port, settings, webDll);

    /// <summary>The same on a database the caller made (the benches keep theirs between server starts).</summary>
    public static async Task<ServerProcess> StartAsync(
        string provider, string connectionString, int port, IReadOnlyDictionary<string, string>? settings = null,
        string? webDll = null)
    {
        var web = webDll is null ? WebPath
            : File.Exists(webDll) ? Path.GetFullPath(webDll)
            : throw new FileNotFoundException($"no web app build at {webDll}");
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(web)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var args = new List<string>
        {
            web, "--urls", url, "--Database:Provider", provider,
            "--ConnectionStrings:Default", connectionString, "--Workers:InProcessSlots", "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) args.AddRange([$"--{key}", value]);
        foreach (var arg in args) start.ArgumentList.Add(arg);

        var server = new ServerProcess(new Process { StartInfo = start }, url);
        server.process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server.output.Enqueue(e.Data); };
        server.process.OutputDataReceived += (_, e) => { if (e.Data is not null) server.output.Enqueue(e.Data); };
        server.process.Start();
        server.process.BeginErrorReadLine();
        server.process.BeginOutputReadLine();
        await server.WaitHealthyAsync();
        return server;
    }

    /// <summary>A TCP port on the loopback interface that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGKILL, as a crash or the OOM killer would: no graceful shutdown, requests in flight are cut.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        await KillAsync();
        process.Dispose();
        disposed = true;
    }

    /// <summary>A guard against a hung start, not a speed limit: on a CI machine shared by several builds the
    /// first request (JIT, EF model, first query) has taken longer than a minute.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = new CancellationTokenSource(StartLimit);
        try
        {
            while (true)
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"the server exited with {process.ExitCode}:\n{Output}");
                try
                {
                    using var answer = await http.GetAsync(Url + "/healthz", deadline.Token);
                    if (answer.StatusCode == HttpStatusCode.OK) return;
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                await Task.Delay(100, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"the server at {Url} was not healthy within {StartLimit.TotalMinutes} min:\n{Output}");
        }
    }

    /// <summary>The web app's build output next to the caller's (same configuration and framework).</summary>
    private static string WebPath
    {
        get
        {
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var root = tfm.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(root, "src", "ContinualDash.Web", "bin", tfm.Parent.Name, tfm.Name, "ContinualDash.Web.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"build the web app first: {path} is missing");
        }
    }
}
