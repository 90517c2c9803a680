using System.Text.RegularExpressions;
using ContinualDash.Web.PythonClient;
using Microsoft.Extensions.DependencyInjection;

namespace ContinualDash.Web.Tests.PythonClient;

/// <summary>
/// <c>pip install</c> into fresh virtual environments (Debian's python3-venv), offline: the source tree, and
/// the package the dashboard serves, which carries the server's version. The tokens page shows how.
/// </summary>
[Collection(PythonCollection.Name)]
public sealed class PythonPackageTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("cdash-venv-").FullName;

    [Fact]
    public async Task PipInstall_SourceTree_InstallsPackageAndSyncCommand()
    {
        var venv = await CreateVenvAsync("source");

        await PipInstallAsync(venv, PythonProcess.ClientDirectory);

        await AssertImportsAsync(venv, PythonVersion());
    }

    [Fact]
    public async Task PipInstall_ServedPackageUrl_InstallsServerVersion()
    {
        await using var app = new DashFactory();
        app.UseKestrel(0);
        app.StartServer();
        var package = app.Services.GetRequiredService<PythonClientPackage>();
        var url = PythonClientEndpoints.Url(app.ClientOptions.BaseAddress.ToString(), package);
        var venv = await CreateVenvAsync("served");

        await PipInstallAsync(venv, url);

        Assert.Equal(PythonVersion(), package.Version);
        await AssertImportsAsync(venv, package.Version);
    }

    [Fact]
    public async Task TokensPage_ShowsPipInstallLineAndVariables()
    {
        await using var app = new DashFactory();
        var package = app.Services.GetRequiredService<PythonClientPackage>();
        var client = app.CreateClient();

        var page = await client.GetStringAsync("/settings/tokens");

        Assert.Contains($"pip install http://localhost/client/python/continualdash-{package.Version}.tar.gz", page);
        Assert.Contains("export CONTINUALDASH_URL=http://localhost CONTINUALDASH_TOKEN=cd_...", page);
        Assert.Equal(System.Net.HttpStatusCode.NotFound,
            (await client.GetAsync("/client/python/continualdash-0.0.0.tar.gz")).StatusCode);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private async Task<string> CreateVenvAsync(string name)
    {
        var venv = Path.Combine(root, name);
        var (exit, stdout, stderr) = await PythonProcess.RunAsync(["-m", "venv", venv]);
        Assert.True(exit == 0, stdout + stderr);
        return venv;
    }

    private static async Task PipInstallAsync(string venv, string target)
    {
        // --no-index: nothing may come from a package index (there is none here, and none is needed).
        var (exit, stdout, stderr) = await PythonProcess.RunAsync(["-m", "pip", "install", "--no-index", "--no-cache-dir", target],
            program: Path.Combine(venv, "bin", "python"));
        Assert.True(exit == 0, stdout + stderr);
    }

    private static async Task AssertImportsAsync(string venv, string version)
    {
        // Outside the source tree, without PYTHONPATH: the installed copy is what gets imported.
        var env = new Dictionary<string, string> { ["PYTHONPATH"] = "" };
        var (exit, stdout, stderr) = await PythonProcess.RunAsync(["-c",
            "import continualdash, continualdash.sync, continualdash.offline; print(continualdash.__version__, continualdash.__file__)"],
            env, Path.Combine(venv, "bin", "python"));
        Assert.True(exit == 0, stdout + stderr);
        Assert.StartsWith(version + " " + venv, stdout.Trim());
        var sync = await PythonProcess.RunAsync(["--help"], env, Path.Combine(venv, "bin", "continualdash-sync"));
        Assert.True(sync.Exit == 0, sync.Stdout + sync.Stderr);
        Assert.Contains("usage: continualdash-sync", sync.Stdout);
    }

    private static string PythonVersion() => Regex.Match(
        File.ReadAllText(Path.Combine(PythonProcess.ClientDirectory, "continualdash", "_version.py")), "__version__ = \"([^\"]+)\"").Groups[1].Value;
}
