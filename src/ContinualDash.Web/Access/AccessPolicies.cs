using System.Globalization;
using System.Security.Claims;
using ContinualDash.Core.Access;
using Microsoft.AspNetCore.Authorization;

namespace ContinualDash.Web.Access;

/// <summary>
/// Authorization policies and the claims the authentication handlers put on a request. The API's write
/// policies take bearer tokens only, so a browser's cookie can never be used to post to the API from another
/// site; pages and their forms use the sign-in cookie (or <c>Auth:Mode=none</c>) plus antiforgery tokens.
/// Every endpoint without a policy falls back to <see cref="ReadAccessRequirement"/>.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Tracking writes: a worker or run token, or a member's token (a run token only to its own run).</summary>
    public const string Write = "write";

    /// <summary>The worker protocol: a worker token, or a member's own token.</summary>
    public const string Worker = "worker";

    /// <summary>Launching and cancelling jobs through the API: a member's user token.</summary>
    public const string Launch = "launch";

    /// <summary>Forms that change state (cancel, tokens): a signed-in member.</summary>
    public const string Member = "member";

    /// <summary>Managing users: a signed-in admin.</summary>
    public const string Admin = "admin";

    /// <summary>Changing your own account (the password form): any signed-in user, viewers included.</summary>
    public const string SignedIn = "signed-in";

    public const string TokenIdClaim = "cd:token";
    public const string KindClaim = "cd:kind";
    public const string RunClaim = "cd:run";
    public const string UserIdClaim = "cd:user";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(Write, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName)
            .RequireAssertion(c => IsKind(c.User, ApiTokenKind.Worker, ApiTokenKind.Run) || IsMember(c.User)));
        options.AddPolicy(Worker, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName)
            .RequireAssertion(c => IsKind(c.User, ApiTokenKind.Worker) || IsKind(c.User, ApiTokenKind.User) && IsMember(c.User)));
        options.AddPolicy(Launch, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName)
            .RequireAssertion(c => IsKind(c.User, ApiTokenKind.User) && IsMember(c.User)));
        options.AddPolicy(Member, p => p.AddAuthenticationSchemes(AccessSchemes.Dashboard)
            .RequireAssertion(c => IsMember(c.User)));
        options.AddPolicy(SignedIn, p => p.AddAuthenticationSchemes(AccessSchemes.Dashboard).RequireAuthenticatedUser());
        options.AddPolicy(Admin, p => p.AddAuthenticationSchemes(AccessSchemes.Dashboard)
            .RequireAssertion(c => UserRole.AtLeast(c.User.FindFirstValue(ClaimTypes.Role), UserRole.Admin)));
        options.FallbackPolicy = new AuthorizationPolicyBuilder(AccessSchemes.Dashboard, AccessSchemes.Share)
            .AddRequirements(new ReadAccessRequirement()).Build();
    }

    /// <summary>False for a run-scoped token presented for another run.</summary>
    public static bool MayWriteRun(this ClaimsPrincipal user, long runId) =>
        user.FindFirstValue(KindClaim) != ApiTokenKind.Run || user.FindFirstValue(RunClaim) == runId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The signed-in account's id; null without accounts (<c>Auth:Mode=none</c>) or for a share link.</summary>
    public static long? UserId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(UserIdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static bool IsMember(ClaimsPrincipal user) => UserRole.AtLeast(user.FindFirstValue(ClaimTypes.Role), UserRole.Member);

    private static bool IsKind(ClaimsPrincipal user, params string[] kinds) => kinds.Contains(user.FindFirstValue(KindClaim));
}
