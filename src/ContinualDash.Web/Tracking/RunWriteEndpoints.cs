using System.Security.Claims;
using ContinualDash.Core.Access;
using ContinualDash.Core.Ingest;
using ContinualDash.Core.Tracking;
using ContinualDash.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContinualDash.Web.Tracking;

/// <summary>The write side of the tracking API: create, log points, record boundaries, finish. Every check
/// runs before anything is stored, so a rejected request leaves the database as it was. The writers tell the
/// live streams what they committed; nothing here notifies.</summary>
internal static class RunWriteEndpoints
{
    public static async Task<Results<Created<CreateRunResponse>, ProblemHttpResult, ForbidHttpResult>> CreateAsync(
        HttpRequest request, ClaimsPrincipal user, RunCreator creator, CancellationToken ct)
    {
        // A run token belongs to one existing run; creating runs needs a user or worker token.
        if (user.FindFirstValue(AccessPolicies.KindClaim) == ApiTokenKind.Run) return TypedResults.Forbid();
        var (body, error) = await JsonBody.ReadAsync<CreateRunRequest>(request, ct);
        if (error is not null) return error;

        if (body!.Config is { } config && config.ValueKind != System.Text.Json.JsonValueKind.Object)
            return TrackingProblems.Invalid("config", "must be a JSON object");
        var spec = new NewRun(
            body.Name ?? "",
            body.Experiment,
            body.Config?.GetRawText() ?? "{}",
            body.Tags,
            body.Tasks?.Select(t => t?.Name).ToList(),
            body.Notes);
        try
        {
            var run = await creator.CreateAsync(spec, workerName: null, ct);
            var url = $"{request.Scheme}://{request.Host}{request.PathBase}/runs/{run.Id}";
            return TypedResults.Created($"/api/runs/{run.Id}", new CreateRunResponse(run.Id, url));
        }
        catch (TrackingException e)
        {
            return TrackingProblems.Invalid(e);
        }
    }

    public static async Task<Results<Ok<MetricBatchResponse>, ProblemHttpResult, ForbidHttpResult>> LogAsync(
        long id, HttpRequest request, ClaimsPrincipal user, MetricIngest ingest, CancellationToken ct)
    {
        if (!user.MayWriteRun(id)) return TypedResults.Forbid();
        var (bytes, error) = await JsonBody.ReadBytesAsync(request, ct);
        if (error is not null) return error;
        // A point takes at least ~36 bytes of JSON: renting for that many never needs to grow.
        using var points = new PooledPoints((int)Math.Min(bytes!.Length / 36 + 1, MetricBatchValidator.MaxPoints + 1));
        (string? Batch, (string Field, string Message)? Error, bool TooMany) parsed;
        using (bytes) parsed = MetricBatchReader.Read(bytes.Span, points);
        var (batch, bad, tooMany) = parsed;
        if (tooMany)
            return TrackingProblems.TooLarge(
                $"a batch holds at most {MetricBatchValidator.MaxPoints:N0} points: split it");
        if (bad is { } problem) return TrackingProblems.Invalid(problem.Field, problem.Message);

        try
        {
            // The pooled points stay ours until this completes: the ingest finishes a batch it has begun even
            // when the request is aborted.
            var result = await ingest.WriteAsync(new IngestBatch(id, batch, points), ct);
            return TypedResults.Ok(new MetricBatchResponse(result.Stored, result.Duplicate));
        }
        catch (TrackingException e)
        {
            return TrackingProblems.Invalid(e);
        }
        catch (IngestBusyException e)
        {
            return TrackingProblems.Busy(request.HttpContext.Response, e);
        }
    }

    public static async Task<Results<Ok<BoundaryEvent>, ProblemHttpResult, ForbidHttpResult>> BoundaryAsync(
        long id, HttpRequest request, ClaimsPrincipal user, BoundaryRecorder recorder, CancellationToken ct)
    {
        if (!user.MayWriteRun(id)) return TypedResults.Forbid();
        var (body, error) = await JsonBody.ReadAsync<BoundaryRequest>(request, ct);
        if (error is not null) return error;
        if (body!.Task is not { } task) return TrackingProblems.Invalid("task", "is required");
        if (body.Iteration is not { } iteration) return TrackingProblems.Invalid("iteration", "is required");
        try
        {
            await recorder.RecordAsync(id, task, iteration, ct);
            return TypedResults.Ok(new BoundaryEvent(task, iteration));
        }
        catch (TrackingException e)
        {
            return TrackingProblems.Invalid(e);
        }
    }

    public static async Task<Results<Ok<RunStatusResponse>, ProblemHttpResult, ForbidHttpResult>> FinishAsync(
        long id, HttpRequest request, ClaimsPrincipal user, RunFinisher finisher, CancellationToken ct)
    {
        if (!user.MayWriteRun(id)) return TypedResults.Forbid();
        var (body, error) = await JsonBody.ReadAsync<FinishRequest>(request, ct);
        if (error is not null) return error;
        try
        {
            var status = await finisher.FinishAsync(id, body!.Status, body.Error, ct);
            return TypedResults.Ok(new RunStatusResponse(id, status));
        }
        catch (TrackingException e)
        {
            return TrackingProblems.Invalid(e);
        }
    }
}
