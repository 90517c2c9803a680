using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace ContinualDash.Web.Access;

/// <summary>
/// The sign-in cookie re-reads its account on every request, so a disabled account or a changed role takes
/// effect at once. API requests get ProblemDetails (401/403) instead of a redirect to the sign-in page.
/// </summary>
public static class AccessCookieEvents
{
    public static CookieAuthenticationEvents ForAccounts() => new()
    {
        OnValidatePrincipal = async context =>
        {
            var user = context.Principal?.UserId() is { } id
                ? await context.HttpContext.RequestServices.GetRequiredService<UserAccounts>().FindEnabledAsync(id, context.HttpContext.RequestAborted)
                : null;
            if (user is null)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(AccessSchemes.Cookie);
                return;
            }
            context.ReplacePrincipal(AccessClaims.ForUser(user, AccessSchemes.Cookie));
        },
        OnRedirectToLogin = context => IsApi(context.Request)
            ? WriteProblemAsync(context.Response, StatusCodes.Status401Unauthorized, "Authentication required",
                "Sign in, or send 'Authorization: Bearer <token>' with a live API token.")
            : Redirect(context),
        OnRedirectToAccessDenied = context => WriteProblemAsync(context.Response, StatusCodes.Status403Forbidden, "Not allowed",
            "Your role may not do this."),
    };

    /// <summary>A share link's cookie never challenges: the account cookie's sign-in redirect (or 401) answers.</summary>
    public static CookieAuthenticationEvents ForShareLinks() => new()
    {
        OnRedirectToLogin = _ => Task.CompletedTask,
        OnRedirectToAccessDenied = _ => Task.CompletedTask,
    };

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task WriteProblemAsync(HttpResponse response, int status, string title, string detail)
    {
        if (response.HasStarted) return Task.CompletedTask;
        response.StatusCode = status;
        return response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail },
            options: null, contentType: "application/problem+json");
    }
}
