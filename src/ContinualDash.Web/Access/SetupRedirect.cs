using ContinualDash.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ContinualDash.Web.Access;

/// <summary>Until the first admin exists, every page redirects to <c>/setup</c> (the API answers 401 as usual).</summary>
public static class SetupRedirect
{
    public static async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.IsNone
            || http.Request.Path.StartsWithSegments("/api")
            || http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || await http.RequestServices.GetRequiredService<AccountsState>()
                .HasUsersAsync(http.RequestServices.GetRequiredService<DashDbContext>(), http.RequestAborted))
        {
            await next(http);
            return;
        }
        http.Response.Redirect($"{http.Request.PathBase}/setup");
    }
}
