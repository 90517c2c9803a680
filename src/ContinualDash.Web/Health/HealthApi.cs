using ContinualDash.Core.Data;
using ContinualDash.Core.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Health;

/// <summary><c>/healthz</c>: 200 when the database answers a query, 503 otherwise; with the ingest counters
/// since start (commits, batches, points, busy refusals, points queued now) for operators and the load bench.</summary>
public static class HealthApi
{
    public sealed record HealthReport(string Status, string Database, IngestStats Ingest, string? Error = null);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", CheckAsync).AllowAnonymous().WithName("Health").WithSummary("Checks that the database answers.");
        return app;
    }

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> CheckAsync(
        DashDbContext db, MetricIngest ingest, CancellationToken ct)
    {
        var provider = db.Database.IsNpgsql() ? "postgres" : "sqlite";
        try
        {
            // A real query, not just an open connection: it fails when the schema is missing too.
            await db.Runs.AsNoTracking().AnyAsync(ct);
            return TypedResults.Ok(new HealthReport("ok", provider, ingest.Stats));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return TypedResults.Json(new HealthReport("unavailable", provider, ingest.Stats, e.Message),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
