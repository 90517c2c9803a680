using Microsoft.AspNetCore.Authentication;

namespace ContinualDash.Web.Access;

/// <summary><c>POST /signout</c>: ends the cookie session (a form with an antiforgery token, so another site
/// cannot sign you out).</summary>
public static class AccessEndpoints
{
    public static IEndpointRouteBuilder MapAccessEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/signout", async (HttpContext http) =>
        {
            if (await FormGuard.RejectForgedAsync(http) is { } forged) return (IResult)forged;
            await http.SignOutAsync(AccessSchemes.Cookie);
            return TypedResults.Redirect("/signin", permanent: false, preserveMethod: false);
        }).AllowAnonymous().DisableAntiforgery();
        return app;
    }
}
