using ContinualDash.Core.Ingest;
using ContinualDash.Core.Queue;
using ContinualDash.Core.Tracking;
using ContinualDash.Core.Workers;
using ContinualDash.Web.Access;
using ContinualDash.Web.Tracking;
using Microsoft.AspNetCore.Http.HttpResults;
using static ContinualDash.Worker.Channels.WorkerWire;

namespace ContinualDash.Web.Queue;

/// <summary>
/// <c>/api/worker/...</c>: the HTTP face of <see cref="WorkerProtocol"/> for remote workers (claim, heartbeats,
/// metric batches, boundaries, log lines, finish). Thin on purpose: in-process workers call the same protocol.
/// Refusals are ProblemDetails: 400 naming the field, 409 when the worker no longer holds the job, 503 with
/// Retry-After when the ingest queue is full.
/// </summary>
public static class WorkerApi
{
    public static IEndpointRouteBuilder MapWorkerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/worker").RequireAuthorization(AccessPolicies.Worker).DisableAntiforgery();
        api.MapPost("/register", async (WorkerRegistration body, WorkerProtocol protocol, CancellationToken ct) =>
            await RefusalsAsync<NoContent>(async () => { await protocol.RegisterAsync(body, ct); return TypedResults.NoContent(); }));
        api.MapPost("/heartbeat", async (WorkerRef body, WorkerProtocol protocol, CancellationToken ct) =>
            TypedResults.Ok(new WorkerHeartbeatReply(await protocol.HeartbeatWorkerAsync(body.WorkerId, ct))));
        api.MapPost("/claim", async (WorkerRef body, WorkerProtocol protocol, CancellationToken ct) =>
            await RefusalsAsync<Results<Ok<JobAssignment>, NoContent>>(async () =>
                await protocol.ClaimAsync(body.WorkerId, ct) is { } job ? TypedResults.Ok(job) : TypedResults.NoContent()));
        api.MapPost("/jobs/{jobId:long}/heartbeat", async (long jobId, LeaseRef body, WorkerProtocol protocol, CancellationToken ct) =>
            TypedResults.Ok(new HeartbeatReply(await protocol.HeartbeatJobAsync(new JobLease(jobId, body.WorkerId, body.Attempt), ct))));
        api.MapPost("/jobs/{jobId:long}/metrics", async (long jobId, MetricsReport body, WorkerProtocol protocol, HttpResponse response, CancellationToken ct) =>
            await RefusalsAsync<Ok<MetricsReply>>(async () =>
            {
                var result = await protocol.ReportMetricsAsync(new JobLease(jobId, body.WorkerId, body.Attempt), body.Sequence, body.Points ?? [], ct);
                return TypedResults.Ok(new MetricsReply(result.Stored, result.Duplicate));
            }, response));
        api.MapPost("/jobs/{jobId:long}/boundaries", async (long jobId, BoundaryReport body, WorkerProtocol protocol, CancellationToken ct) =>
            await RefusalsAsync<NoContent>(async () =>
            {
                await protocol.ReportBoundaryAsync(new JobLease(jobId, body.WorkerId, body.Attempt), body.Task, body.Iteration, ct);
                return TypedResults.NoContent();
            }));
        api.MapPost("/jobs/{jobId:long}/log", async (long jobId, LogReport body, WorkerProtocol protocol, CancellationToken ct) =>
            await RefusalsAsync<NoContent>(async () =>
            {
                await protocol.AppendLogAsync(new JobLease(jobId, body.WorkerId, body.Attempt), body.Lines ?? [], ct);
                return TypedResults.NoContent();
            }));
        api.MapPost("/jobs/{jobId:long}/finish", async (long jobId, FinishReport body, WorkerProtocol protocol, CancellationToken ct) =>
            TypedResults.Ok(new FinishReply(await protocol.FinishAsync(new JobLease(jobId, body.WorkerId, body.Attempt), body.Outcome, body.Error, ct))));
        return app;
    }

    /// <summary>Turns the protocol's refusals into ProblemDetails; everything else is a 500 the worker retries.</summary>
    private static async Task<Results<T, ProblemHttpResult>> RefusalsAsync<T>(Func<Task<T>> call, HttpResponse? response = null)
        where T : IResult
    {
        try
        {
            return await call();
        }
        catch (TrackingException e)
        {
            return BadRequest(e.Field, e.Message);
        }
        catch (QueueException e)
        {
            return BadRequest(e.Field, e.Message);
        }
        catch (JobLeaseLostException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Lease lost");
        }
        catch (IngestBusyException e) when (response is not null)
        {
            return TrackingProblems.Busy(response, e);
        }
    }

    internal static ProblemHttpResult BadRequest(string field, string message) =>
        TypedResults.Problem($"{field}: {message}", statusCode: StatusCodes.Status400BadRequest, title: "Invalid request",
            extensions: new Dictionary<string, object?> { ["field"] = field });
}
