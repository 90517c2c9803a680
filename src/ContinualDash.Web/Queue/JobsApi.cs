using System.Security.Claims;
using ContinualDash.Core.Access;
using ContinualDash.Core.Queue;
using ContinualDash.Web.Access;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContinualDash.Web.Queue;

/// <summary>
/// <c>/api/jobs</c>: launch a command job and cancel a job, for people (user tokens). The Workers page posts
/// its cancel buttons to <c>/workers/jobs/{id}/cancel</c>, which does the same for the browser.
/// </summary>
public static class JobsApi
{
    /// <summary>A command job to launch.</summary>
    public sealed record LaunchRequest(
        string? Kind, CommandSpec? Command, string? Name, int Priority = 0, IReadOnlyList<string>? Labels = null, int? MaxAttempts = null);

    public sealed record Launched(long JobId, long RunId);

    public sealed record Cancelled(string Result);

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/jobs").RequireAuthorization(AccessPolicies.Worker).DisableAntiforgery();
        api.MapPost("", LaunchAsync);
        api.MapPost("/{jobId:long}/cancel", async Task<Results<Ok<Cancelled>, ProblemHttpResult>> (
            long jobId, ClaimsPrincipal user, JobQueue queue, CancellationToken ct) =>
        {
            if (!IsUser(user)) return Forbidden();
            return TypedResults.Ok(new Cancelled((await queue.CancelAsync(jobId, ct)).ToString()));
        });
        app.MapPost("/workers/jobs/{jobId:long}/cancel", async (long jobId, HttpContext http, IAntiforgery antiforgery, JobQueue queue) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return (IResult)TypedResults.Problem("The form has expired: reload the page and try again.",
                    statusCode: StatusCodes.Status400BadRequest, title: "Invalid form");
            await queue.CancelAsync(jobId, http.RequestAborted);
            return TypedResults.Redirect("/workers", permanent: false, preserveMethod: false);
        }).DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Created<Launched>, ProblemHttpResult>> LaunchAsync(
        LaunchRequest body, ClaimsPrincipal user, JobQueue queue, CancellationToken ct)
    {
        if (!IsUser(user)) return Forbidden();
        if (body.Command is null) return WorkerApi.BadRequest("command", "is required: {\"argv\": [...], \"env\": {...}, \"workingDirectory\": ...}");
        try
        {
            var (jobId, runId) = await queue.EnqueueAsync(new JobRequest(body.Kind ?? JobKind.Command, body.Command.ToJson(),
                body.Name, body.Priority, body.Labels, body.MaxAttempts), ct);
            return TypedResults.Created($"/api/jobs/{jobId}", new Launched(jobId, runId));
        }
        catch (QueueException e)
        {
            return WorkerApi.BadRequest(e.Field, e.Message);
        }
    }

    private static bool IsUser(ClaimsPrincipal user) => user.FindFirstValue(AccessPolicies.KindClaim) == ApiTokenKind.User;

    private static ProblemHttpResult Forbidden() =>
        TypedResults.Problem("Only a user token may launch or cancel jobs.", statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
}
