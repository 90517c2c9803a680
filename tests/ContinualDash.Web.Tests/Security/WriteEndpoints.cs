using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ContinualDash.Web.Tests.Security;

/// <summary>
/// Every endpoint of the running app that accepts POST, PUT, PATCH or DELETE, read from its
/// <see cref="EndpointDataSource"/>, so an endpoint added later is checked without anyone listing it.
/// </summary>
internal static partial class WriteEndpoints
{
    public sealed record Write(string Method, string Pattern, string Url, bool IsApi, bool IsPage, bool ForEverySignedInUser);

    public static IReadOnlyList<Write> Of(DashFactory app)
    {
        var writes = new List<Write>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var pattern = endpoint.RoutePattern.RawText ?? "";
            // Signing out needs nobody to be signed in; opening a share link is a GET.
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) continue;
            var isPage = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            // Forms about your own account (the password) are for viewers too.
            var ownAccount = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Web.Access.AccessPolicies.SignedIn);
            foreach (var method in methods.Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE"))
            {
                var url = "/" + Parameter().Replace(pattern, "1").TrimStart('/');
                writes.Add(new(method, pattern, url, url.StartsWith("/api/", StringComparison.Ordinal), isPage, ownAccount));
            }
        }
        return writes;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
