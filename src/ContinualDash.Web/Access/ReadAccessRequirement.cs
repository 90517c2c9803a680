using Microsoft.AspNetCore.Authorization;

namespace ContinualDash.Web.Access;

/// <summary>
/// The fallback of every endpoint without its own policy (pages, reads, streams, endpoints added later):
/// a signed-in user or a token reads everything, a member also posts; a share link's visitor only reads what
/// the link opens.
/// </summary>
public sealed class ReadAccessRequirement : IAuthorizationRequirement;
