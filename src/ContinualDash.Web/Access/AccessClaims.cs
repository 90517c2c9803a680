using System.Globalization;
using System.Security.Claims;
using ContinualDash.Core.Access;

namespace ContinualDash.Web.Access;

/// <summary>Builds the principals of signed-in accounts and of <c>Auth:Mode=none</c>.</summary>
public static class AccessClaims
{
    /// <summary>The name <c>Auth:Mode=none</c> gives everyone.</summary>
    public const string LocalUserName = "local";

    public static ClaimsPrincipal ForUser(User user, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, user.UserName),
        new Claim(ClaimTypes.Role, user.Role),
        new Claim(AccessPolicies.UserIdClaim, user.Id.ToString(CultureInfo.InvariantCulture)),
    ], scheme, ClaimTypes.Name, ClaimTypes.Role));

    public static ClaimsPrincipal Local(string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, LocalUserName),
        new Claim(ClaimTypes.Role, UserRole.Admin),
    ], scheme, ClaimTypes.Name, ClaimTypes.Role));
}
