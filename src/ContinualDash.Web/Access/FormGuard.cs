using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContinualDash.Web.Access;

/// <summary>The antiforgery check of the plain form posts mapped as endpoints (cancel, sign out, share).</summary>
public static class FormGuard
{
    /// <summary>Null when the form carries a valid antiforgery token, else the 400 to answer.</summary>
    public static async Task<ProblemHttpResult?> RejectForgedAsync(HttpContext http) =>
        await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http)
            ? null
            : TypedResults.Problem("The form has expired: reload the page and try again.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid form");
}
