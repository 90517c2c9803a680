using System.Globalization;
using System.Security.Claims;
using ContinualDash.Core.Data;
using ContinualDash.Core.Sharing;
using ContinualDash.Web.Compare;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Sharing;

/// <summary>
/// What a share link's visitor may read: GET requests for the link's own view and the data its charts load
/// (<c>/api/runs/{id}</c> and its series, events, cl-metrics, accuracy log and export) of the runs in that view.
/// The link is looked up on every request, so revoking it or its expiry takes effect at once.
/// </summary>
public sealed class ShareScope(DashDbContext db, TimeProvider time)
{
    public const string LinkClaim = "cd:share";

    public async Task<bool> AllowsAsync(ClaimsIdentity share, HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)) return false;
        if (!long.TryParse(share.FindFirst(LinkClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var linkId)) return false;
        var link = await db.ShareLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Id == linkId, http.RequestAborted);
        if (link is null || !link.IsLive(time.GetUtcNow().UtcDateTime)) return false;

        var path = http.Request.Path.Value ?? "";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["runs", var id] => await RunInScopeAsync(link, id, http),
            ["api", "runs", var id] => await RunInScopeAsync(link, id, http),
            ["api", "runs", var id, "series" or "events" or "cl-metrics" or "accuracy-log" or "export"] => await RunInScopeAsync(link, id, http),
            ["experiments", var id] => link.Kind == ShareLinkKind.Experiment && link.Target == id,
            ["compare"] => link.Kind == ShareLinkKind.Compare && CompareRuns(http.Request.Query["runs"]).All(CompareRuns(link).Contains),
            // Zooming a shared comparison or experiment chart re-fetches its traces.
            ["compare", "traces"] => await TracesInScopeAsync(link, http),
            _ => false,
        };
    }

    private async Task<bool> TracesInScopeAsync(ShareLink link, HttpContext http)
    {
        var runs = CompareRuns(http.Request.Query["runs"]);
        if (runs.Count == 0) return false;
        if (link.Kind == ShareLinkKind.Compare) return runs.All(CompareRuns(link).Contains);
        if (link.Kind != ShareLinkKind.Experiment
            || !long.TryParse(link.Target, NumberStyles.None, CultureInfo.InvariantCulture, out var experimentId)) return false;
        var inExperiment = await db.Runs.CountAsync(r => runs.Contains(r.Id) && r.ExperimentId == experimentId, http.RequestAborted);
        return inExperiment == runs.Distinct().Count();
    }

    private async Task<bool> RunInScopeAsync(ShareLink link, string segment, HttpContext http)
    {
        if (!long.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var runId)) return false;
        return link.Kind switch
        {
            ShareLinkKind.Run => link.Target == runId.ToString(CultureInfo.InvariantCulture),
            ShareLinkKind.Experiment => long.TryParse(link.Target, NumberStyles.None, CultureInfo.InvariantCulture, out var experimentId)
                && await db.Runs.AnyAsync(r => r.Id == runId && r.ExperimentId == experimentId, http.RequestAborted),
            ShareLinkKind.Compare => CompareRuns(link).Contains(runId),
            _ => false,
        };
    }

    private static IReadOnlyList<long> CompareRuns(ShareLink link) =>
        CompareRuns(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Target).GetValueOrDefault("runs"));

    private static IReadOnlyList<long> CompareRuns(Microsoft.Extensions.Primitives.StringValues values) =>
        CompareQuery.ParseRuns(values.ToArray());
}
