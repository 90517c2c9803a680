using System.Security.Claims;
using ContinualDash.Web.Access;
using Microsoft.AspNetCore.Authentication;

namespace ContinualDash.Web.Sharing;

/// <summary>
/// <c>GET /share/{token}</c> opens a view-only link: it sets the share cookie and redirects to the view
/// (404 for a token that is not ours, 410 for a revoked or expired link). <c>POST /share-links</c> is the
/// "create view-only link" form of the copy-link box.
/// </summary>
public static class ShareEndpoints
{
    public static IEndpointRouteBuilder MapShareEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/share/{token}", async (string token, HttpContext http, ShareLinks links, TimeProvider time) =>
        {
            var link = await links.FindAsync(token, http.RequestAborted);
            if (link is null)
                return (IResult)TypedResults.Problem("There is no such share link.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
            if (!link.IsLive(time.GetUtcNow().UtcDateTime))
                return TypedResults.Problem("This share link was revoked or has expired.", statusCode: StatusCodes.Status410Gone, title: "Link gone");
            var identity = new ClaimsIdentity([new Claim(ShareScope.LinkClaim, link.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                AccessSchemes.Share);
            await http.SignInAsync(AccessSchemes.Share, new ClaimsPrincipal(identity));
            return TypedResults.Redirect($"{http.Request.PathBase}/{ShareLinks.ViewUrl(link)}", permanent: false, preserveMethod: false);
        }).AllowAnonymous();

        app.MapPost("/share-links", async (HttpContext http, ShareLinks links) =>
        {
            if (await FormGuard.RejectForgedAsync(http) is { } forged) return (IResult)forged;
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            try
            {
                string? raw = form["days"];
                int? days = string.IsNullOrWhiteSpace(raw) ? null
                    : int.TryParse(raw, out var d) ? d : throw new ShareLinkException("days", "must be a whole number of days");
                var (link, _) = await links.CreateAsync(form["kind"], form["target"], days, http.User, http.RequestAborted);
                return TypedResults.Redirect($"{http.Request.PathBase}/settings/links?created={link.Id}", permanent: false, preserveMethod: false);
            }
            catch (ShareLinkException e)
            {
                return TypedResults.Problem($"{e.Field}: {e.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Invalid share link",
                    extensions: new Dictionary<string, object?> { ["field"] = e.Field });
            }
        }).RequireAuthorization(AccessPolicies.Member).DisableAntiforgery();
        return app;
    }
}
