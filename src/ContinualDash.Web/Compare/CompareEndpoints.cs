using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ContinualDash.Web.Compare;

/// <summary>
/// <c>GET /compare/traces</c>: the compare chart's traces for the same query string as the page, so zooming
/// re-reads the range at full resolution without reloading the page.
/// </summary>
public static class CompareEndpoints
{
    public static IEndpointRouteBuilder MapCompareEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/compare/traces", async Task<Results<Ok<IReadOnlyList<CompareTrace>>, ProblemHttpResult>> (
            [FromQuery(Name = "runs")] string[]? runs, string? metric, int? task, string? group, double? from, double? to, int? smooth,
            CompareBuilder builder, CancellationToken ct) =>
        {
            var query = CompareQuery.FromQueryString(runs ?? [], metric, task, group, from, to, smooth);
            if (query.Runs.Count == 0)
                return Queue.WorkerApi.BadRequest("runs", "needs at least one run id: runs=1,2");
            return TypedResults.Ok((await builder.BuildAsync(query, ct)).Traces);
        });
        return app;
    }
}
