using ContinualDash.Web.Sharing;
using Microsoft.AspNetCore.Authorization;

namespace ContinualDash.Web.Access;

/// <summary>Decides <see cref="ReadAccessRequirement"/>; the share-link case asks <see cref="ShareScope"/>.</summary>
public sealed class ReadAccessHandler(ShareScope shares) : AuthorizationHandler<ReadAccessRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ReadAccessRequirement requirement)
    {
        if (context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType != AccessSchemes.Share))
        {
            context.Succeed(requirement);
            return;
        }
        var share = context.User.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == AccessSchemes.Share);
        if (share is not null && context.Resource is HttpContext http && await shares.AllowsAsync(share, http))
            context.Succeed(requirement);
    }
}
