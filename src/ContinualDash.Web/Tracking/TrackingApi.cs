using ContinualDash.Web.Access;

namespace ContinualDash.Web.Tracking;

/// <summary>
/// <c>/api/runs</c>: the tracking API any trainer logs to (see README "Log from your own trainer").
/// Writes need a bearer token (policy <see cref="AccessPolicies.Write"/>); reads and streams need a signed-in
/// user, a token or a share link that covers the run (the fallback policy, <see cref="ReadAccessRequirement"/>).
/// </summary>
public static class TrackingApi
{
    public static IEndpointRouteBuilder MapTrackingApi(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs").WithTags("Tracking");

        runs.MapPost("/", RunWriteEndpoints.CreateAsync).RequireAuthorization(AccessPolicies.Write)
            .Accepts<CreateRunRequest>("application/json").WithName("CreateRun")
            .WithSummary("Creates a run that is Running at once, with its configuration, tags and declared tasks.");
        runs.MapPost("/{id:long}/metrics", RunWriteEndpoints.LogAsync).RequireAuthorization(AccessPolicies.Write)
            .Accepts<MetricBatchRequest>("application/json").WithName("LogMetrics")
            .WithSummary("Stores up to 10,000 points durably; a repeated batch key is stored once.");
        runs.MapPost("/{id:long}/boundaries", RunWriteEndpoints.BoundaryAsync).RequireAuthorization(AccessPolicies.Write)
            .Accepts<BoundaryRequest>("application/json").WithName("RecordBoundary")
            .WithSummary("Records that training on a task ended at an iteration.");
        runs.MapPost("/{id:long}/finish", RunWriteEndpoints.FinishAsync).RequireAuthorization(AccessPolicies.Write)
            .Accepts<FinishRequest>("application/json").WithName("FinishRun")
            .WithSummary("Ends the run: succeeded, failed or cancelled.");

        runs.MapGet("/", RunReadEndpoints.ListAsync).WithName("ListRuns")
            .WithSummary("The runs page's list: filtered by status, tag, experiment, text and a filter expression, sorted and paged.");
        runs.MapGet("/{id:long}", RunReadEndpoints.GetAsync).WithName("GetRun")
            .WithSummary("A run with its configuration, tasks and series.");
        runs.MapGet("/{id:long}/export", RunReadEndpoints.ExportAsync).WithName("ExportRun")
            .WithSummary("Every raw point of the run, streamed as CSV or JSON.");
        runs.MapGet("/{id:long}/series", RunAnalysisEndpoints.SeriesAsync).WithName("RunSeries")
            .WithSummary("One series, reduced without losing dips (M4) when it has more points than asked.");
        runs.MapGet("/{id:long}/cl-metrics", RunAnalysisEndpoints.ClMetricsAsync).WithName("RunClMetrics")
            .WithSummary("METRICS.md S7 metrics of the run's accuracy points and boundaries, as 'continualdash metrics' computes them.");
        runs.MapGet("/{id:long}/accuracy-log", RunAnalysisEndpoints.AccuracyLogAsync).WithName("RunAccuracyLog")
            .WithSummary("The run's accuracy log in the METRICS.md S7 input format.");
        runs.MapGet("/{id:long}/events", RunEventStreams.RunAsync).WithName("RunEvents")
            .WithSummary("Server-Sent Events: points, boundary, status; resumable with Last-Event-ID.");
        runs.MapGet("/events", RunListEvents.Open).WithName("RunListEvents")
            .WithSummary("Server-Sent Events: the unfinished runs, then every status change; resumable with Last-Event-ID.");
        return app;
    }
}
