using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ContinualDash.Web.Access;

/// <summary>
/// <c>Auth:Mode=none</c>: every request that arrived on a loopback address is the local admin. The startup
/// check (<see cref="LoopbackGuard"/>) refuses non-loopback addresses; this per-request check is the second
/// line, should an address be added later. Test servers have no connection address and count as loopback.
/// </summary>
public sealed class LocalUserHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(IsLoopback(Context.Connection.LocalIpAddress)
            ? AuthenticateResult.Success(new AuthenticationTicket(AccessClaims.Local(Scheme.Name), Scheme.Name))
            : AuthenticateResult.Fail("Auth:Mode=none serves loopback connections only"));

    private static bool IsLoopback(IPAddress? address) => address is null || IPAddress.IsLoopback(address);
}
