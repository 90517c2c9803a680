using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ContinualDash.Bench.Ingest;

/// <summary>The dashboard as a separate process on a free loopback port (from the Release build output).</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, string url)
    {
        this.process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<ServerProcess> StartAsync(string repoRoot, string provider, string connection, params string[] settings)
    {
        var dll = Path.Combine(repoRoot, "src/ContinualDash.Web/bin/Release/net10.0/ContinualDash.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"build the web app first: dotnet build src/ContinualDash.Web -c Release ({dll})");
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments = [dll, "--contentRoot", Path.Combine(repoRoot, "src/ContinualDash.Web"), "--urls", url,
                     $"--Database:Provider={provider}", $"--ConnectionStrings:Default={connection}", "--Logging:LogLevel:Default=Warning",
                     // Loopback only, so the single-user mode is allowed: page and event-stream readers need no sign-in.
                     "--Auth:Mode=none", .. settings];
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"server: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync(url + "/healthz")).StatusCode == HttpStatusCode.OK) return new ServerProcess(process, url);
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        process.Kill(true);
        throw new InvalidOperationException("the server did not become healthy within 30 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
