using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using ContinualDash.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ContinualDash.Web.Access;

/// <summary>
/// Authenticates <c>Authorization: Bearer cd_...</c> against the stored token hashes. Failures are answered
/// with ProblemDetails (401 without or with a wrong token, 403 with a token that may not do this). A user
/// token acts with its owner's current role, and fails once the owner is disabled; a user token without an
/// owner (made before accounts existed, or by <c>continualdash token create</c>) acts as a member. Answers are
/// reused for a few seconds (<see cref="BearerTokenCache"/>).
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenService tokens,
    UserAccounts accounts, BearerTokenCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();

        var presented = header["Bearer ".Length..].Trim();
        var claims = cache.Find(presented);
        if (claims is null)
        {
            var (found, failure) = await LookUpAsync(presented);
            if (found is null) return AuthenticateResult.Fail(failure!);
            cache.Remember(presented, claims = found);
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>The token's claims, or why it does not authenticate.</summary>
    private async Task<(List<Claim>? Claims, string? Failure)> LookUpAsync(string presented)
    {
        var token = await tokens.FindAsync(presented, Context.RequestAborted);
        if (token is null) return (null, "unknown or revoked token");
        string? role = token.Kind == ApiTokenKind.User ? UserRole.Member : null;
        if (token.UserId is { } ownerId)
        {
            var owner = await accounts.FindEnabledAsync(ownerId, Context.RequestAborted);
            if (owner is null) return (null, "the token's owner is disabled");
            role = owner.Role;
        }

        List<Claim> claims =
        [
            new(ClaimTypes.Name, token.Name),
            new(AccessPolicies.TokenIdClaim, token.Id.ToString(CultureInfo.InvariantCulture)),
            new(AccessPolicies.KindClaim, token.Kind),
        ];
        if (role is not null) claims.Add(new(ClaimTypes.Role, role));
        if (token.UserId is { } userId) claims.Add(new(AccessPolicies.UserIdClaim, userId.ToString(CultureInfo.InvariantCulture)));
        if (token.RunId is { } runId) claims.Add(new(AccessPolicies.RunClaim, runId.ToString(CultureInfo.InvariantCulture)));
        return (claims, null);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required",
            "Send 'Authorization: Bearer <token>' with a live API token (create one on /settings/tokens or with 'continualdash token create').");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Not allowed", "This token may not do this.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized) Response.Headers.WWWAuthenticate = SchemeName;
        return Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail },
            options: null, contentType: "application/problem+json");
    }
}
