using ContinualDash.Web.Sharing;
using Microsoft.AspNetCore.Authorization;

namespace ContinualDash.Web.Access;

/// <summary>
/// Decides <see cref="ReadAccessRequirement"/>: any signed-in user or token may read (GET, HEAD); anything
/// else that has no policy of its own, such as a page's form post, needs a member, so a form added to a page
/// later cannot be used by viewers. A share link's visitor only reads what <see cref="ShareScope"/> allows.
/// </summary>
public sealed class ReadAccessHandler(ShareScope shares) : AuthorizationHandler<ReadAccessRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ReadAccessRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        var reads = http is null || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        if (context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType != AccessSchemes.Share))
        {
            if (reads || AccessPolicies.IsMember(context.User)) context.Succeed(requirement);
            return;
        }
        var share = context.User.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == AccessSchemes.Share);
        if (share is not null && http is not null && reads && await shares.AllowsAsync(share, http))
            context.Succeed(requirement);
    }
}
