using ContinualDash.Core.Data;
using ContinualDash.Core.Queue;
using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;
using ContinualDash.Web.Access;

namespace ContinualDash.Web.RunView;

/// <summary>The run page's cancel button: cancels the run's unfinished job, then back to the run (POST-redirect-GET).</summary>
public static class RunViewEndpoints
{
    public static IEndpointRouteBuilder MapRunViewEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/runs/{runId:long}/cancel", async (long runId, HttpContext http, DashDbContext db, JobQueue queue) =>
        {
            if (await FormGuard.RejectForgedAsync(http) is { } forged) return (IResult)forged;
            var jobId = await db.Jobs.AsNoTracking()
                .Where(j => j.RunId == runId && (j.Status == RunStatus.Queued || j.Status == RunStatus.Running))
                .Select(j => (long?)j.Id).FirstOrDefaultAsync(http.RequestAborted);
            // A run that finished meanwhile has nothing to cancel: the page then shows its final state.
            if (jobId is { } id) await queue.CancelAsync(id, http.RequestAborted);
            return TypedResults.Redirect($"/runs/{runId}", permanent: false, preserveMethod: false);
        }).RequireAuthorization(AccessPolicies.Member).DisableAntiforgery();
        return app;
    }
}
