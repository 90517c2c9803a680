using System.Security.Claims;
using ContinualDash.Core.Queue;
using ContinualDash.Training.Experiments;
using ContinualDash.Web.Access;
using ContinualDash.Web.Launch;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContinualDash.Web.Queue;

/// <summary>
/// <c>/api/jobs</c>: launch a command job or a builtin experiment (one run per seed) and cancel a job, for people (user tokens). The Workers page posts
/// its cancel buttons to <c>/workers/jobs/{id}/cancel</c>, which does the same for the browser.
/// </summary>
public static class JobsApi
{
    /// <summary>A command job (<paramref name="Command"/>) or a builtin experiment (<paramref name="Spec"/>, one run per seed) to launch.</summary>
    /// <param name="Seeds">Builtin only: one run per seed; null runs the spec's own seed.</param>
    public sealed record LaunchRequest(
        string? Kind, CommandSpec? Command, string? Name, int Priority = 0, IReadOnlyList<string>? Labels = null, int? MaxAttempts = null,
        ExperimentSpec? Spec = null, IReadOnlyList<int>? Seeds = null);

    public sealed record Launched(long JobId, long RunId);

    public sealed record Cancelled(string Result);

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/jobs").RequireAuthorization(AccessPolicies.Launch).DisableAntiforgery();
        api.MapPost("", LaunchAsync);
        api.MapPost("/{jobId:long}/cancel", async Task<Ok<Cancelled>> (long jobId, JobQueue queue, CancellationToken ct) =>
            TypedResults.Ok(new Cancelled((await queue.CancelAsync(jobId, ct)).ToString())));
        app.MapPost("/workers/jobs/{jobId:long}/cancel", async (long jobId, HttpContext http, JobQueue queue) =>
        {
            if (await FormGuard.RejectForgedAsync(http) is { } forged) return (IResult)forged;
            await queue.CancelAsync(jobId, http.RequestAborted);
            return TypedResults.Redirect("/workers", permanent: false, preserveMethod: false);
        }).RequireAuthorization(AccessPolicies.Member).DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Created<Launched>, Created<LaunchedExperiment>, ProblemHttpResult>> LaunchAsync(
        LaunchRequest body, ClaimsPrincipal user, JobQueue queue, ExperimentLauncher launcher, IOptions<AccessOptions> access, CancellationToken ct)
    {
        if (body.Kind == JobKind.Builtin) return await LaunchBuiltinAsync(body, launcher, ct);
        // A command job runs any program on a worker: only the configured roles may enqueue one.
        if (!access.Value.MayLaunchCommands(user.FindFirstValue(ClaimTypes.Role)))
            return TypedResults.Problem($"Only these roles may launch command jobs: {string.Join(", ", access.Value.EffectiveCommandJobRoles)} (Access:CommandJobRoles).",
                statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
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

    private static async Task<Results<Created<Launched>, Created<LaunchedExperiment>, ProblemHttpResult>> LaunchBuiltinAsync(
        LaunchRequest body, ExperimentLauncher launcher, CancellationToken ct)
    {
        if (body.Spec is null) return WorkerApi.BadRequest("spec", "is required for a builtin job: the trainer's experiment spec");
        var launch = new ExperimentLaunch(body.Name ?? $"{body.Spec.Strategy} on {body.Spec.Benchmark}", body.Spec,
            body.Seeds ?? [body.Spec.Seed], body.Labels, body.Priority, body.MaxAttempts);
        try
        {
            var launched = await launcher.LaunchAsync(launch, ct);
            return TypedResults.Created($"/experiments/{launched.ExperimentId}", launched);
        }
        catch (QueueException e)
        {
            // The spec's own fields are nested under "spec" in the request body.
            var field = e.Field is "name" or "seeds" or "labels" or "maxAttempts" or "runId" ? e.Field : $"spec.{e.Field}";
            return WorkerApi.BadRequest(field, e.Message);
        }
    }

}
