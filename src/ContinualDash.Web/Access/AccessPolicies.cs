using System.Security.Claims;
using ContinualDash.Core.Access;

namespace ContinualDash.Web.Access;

/// <summary>
/// Authorization policies of the API and the claims the bearer-token handler puts on a request.
/// Endpoints say which policy they need; run-scoped tokens are further checked with <see cref="MayWriteRun"/>.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Any live token: writes tracking data (a run token only to its own run).</summary>
    public const string Write = "write";

    /// <summary>A user or worker token: claims and runs jobs.</summary>
    public const string Worker = "worker";

    public const string TokenIdClaim = "cd:token";
    public const string KindClaim = "cd:kind";
    public const string RunClaim = "cd:run";

    public static void Configure(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(Write, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireAuthenticatedUser());
        options.AddPolicy(Worker, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName)
            .RequireClaim(KindClaim, ApiTokenKind.User, ApiTokenKind.Worker));
    }

    /// <summary>False for a run-scoped token presented for another run.</summary>
    public static bool MayWriteRun(this ClaimsPrincipal user, long runId) =>
        user.FindFirstValue(KindClaim) != ApiTokenKind.Run || user.FindFirstValue(RunClaim) == runId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
