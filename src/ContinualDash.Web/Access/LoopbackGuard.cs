using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ContinualDash.Web.Access;

/// <summary>
/// Refuses to serve with <c>Auth:Mode=none</c> unless every address the server listens on is loopback: without
/// accounts, anyone who can reach the port is admin. It runs once the server has bound its addresses, which
/// are then known exactly however they were configured (Urls, Kestrel endpoints, code). A test server binds
/// none and counts as loopback.
/// </summary>
public sealed class LoopbackGuard(IServer server, IOptions<AuthOptions> auth) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!auth.Value.IsNone) return Task.CompletedTask;
        var exposed = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Where(a => !IsLoopback(a)).ToList();
        if (exposed.Count > 0)
            throw new AuthModeException(
                $"Auth:Mode=none is only allowed on loopback addresses (127.0.0.1, ::1, localhost), but the server listens on {string.Join(", ", exposed)}: use Auth:Mode=accounts or bind to 127.0.0.1.");
        return Task.CompletedTask;
    }

    /// <summary>True for <c>http://127.0.0.1:5000</c>, <c>http://[::1]:80</c>, <c>http://localhost:5000</c>.</summary>
    public static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal),
                UriKind.Absolute, out var uri)) return false;
        if (uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
