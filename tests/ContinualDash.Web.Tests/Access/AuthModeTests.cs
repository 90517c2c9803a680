using System.Diagnostics;
using System.Net;
using ContinualDash.Web.Access;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ContinualDash.Web.Tests.Access;

public sealed class AuthModeTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("https://127.0.0.2:443", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://192.168.1.5:5000", false)]
    [InlineData("http://example.org:80", false)]
    public void IsLoopback_Address_TellsLoopbackApart(string address, bool expected) =>
        Assert.Equal(expected, LoopbackGuard.IsLoopback(address));

    [Fact]
    public async Task StartedAsync_NoneModeOnAllInterfaces_RefusesWithOneLineReason()
    {
        var guard = new LoopbackGuard(new BoundServer("http://127.0.0.1:5000", "http://0.0.0.0:5001"),
            Options.Create(new AuthOptions { Mode = AuthOptions.None }));

        var refusal = await Assert.ThrowsAsync<AuthModeException>(() => guard.StartedAsync(default));

        Assert.Contains("Auth:Mode=none", refusal.Message);
        Assert.Contains("http://0.0.0.0:5001", refusal.Message);
        Assert.DoesNotContain('\n', refusal.Message);
    }

    [Fact]
    public async Task StartedAsync_AccountsModeOnAllInterfaces_Starts()
    {
        var guard = new LoopbackGuard(new BoundServer("http://0.0.0.0:5001"), Options.Create(new AuthOptions()));

        var error = await Record.ExceptionAsync(() => guard.StartedAsync(default));

        Assert.Null(error);
    }

    [Fact]
    public async Task Server_NoneModeOnAllInterfaces_ExitsWithCode2AndOneLine()
    {
        var folder = Directory.CreateTempSubdirectory("cdash-authmode-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList =
                {
                    Path.Combine(AppContext.BaseDirectory, "ContinualDash.Web.dll"), "--Auth:Mode=none", "--Urls=http://0.0.0.0:0",
                    $"--ConnectionStrings:Default=Data Source={Path.Combine(folder.FullName, "db.sqlite")}", "--Workers:InProcessSlots=0",
                },
                RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = folder.FullName,
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(limit.Token);

            Assert.Equal(2, process.ExitCode);
            var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("continualdash: Auth:Mode=none is only allowed on loopback", line);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task NoneMode_Loopback_EveryoneIsAdmin()
    {
        await using var app = new DashFactory();

        var users = await app.CreateClient().GetAsync("/settings/users");

        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
    }

    /// <summary>A server that has bound these addresses.</summary>
    private sealed class BoundServer : IServer
    {
        public BoundServer(params string[] addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var a in addresses) feature.Addresses.Add(a);
            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();
        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public void Dispose() { }
    }
}
