using System.Linq.Expressions;
using ContinualDash.Core.Data;
using ContinualDash.Core.Runs;
using ContinualDash.Web.Runs.Filtering;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Runs;

/// <summary>
/// Filters, sorts and pages the runs in the database: the one listing behind both the runs page and
/// <c>GET /api/runs</c>, so that the two answer the same question with the same runs in the same order.
/// </summary>
public sealed class RunsListing(DashDbContext db, TimeProvider time)
{
    private static readonly Expression<Func<Run, RunRow>> Row = r => new RunRow(
        r.Id, r.Name, r.Status, r.ExperimentId, null, r.Benchmark, r.Strategy, r.Seed,
        r.FinalAvgAcc, r.FinalMinAcc, r.FinalWcAcc, r.FinalBwt, r.FinalForgetting, r.CreatedAt, r.StartedAt, r.FinishedAt);

    /// <summary>The stored name of <paramref name="status"/> in any case; null when it names no status.</summary>
    public static string? KnownStatus(string status) =>
        RunStatus.All.FirstOrDefault(s => s.Equals(status, StringComparison.OrdinalIgnoreCase));

    public async Task<RunsResult> ListAsync(RunsQuery query, CancellationToken ct)
    {
        IQueryable<Run> runs = db.Runs.AsNoTracking();
        if (query.Status is { } status)
        {
            // Stored names are canonical, so an exact comparison (on the index) after mapping the case.
            var name = KnownStatus(status) ?? status;
            runs = runs.Where(r => r.Status == name);
        }
        if (query.Tag is { } tag) runs = runs.Where(r => r.Tags.Any(t => t.Tag == tag));
        if (query.Experiment is { } experiment)
            runs = runs.Where(r => db.Experiments.Any(e => e.Id == r.ExperimentId && e.Name == experiment));
        if (query.Text is { } search)
        {
            var text = search.ToLowerInvariant();
            runs = runs.Where(r => r.Name.ToLower().Contains(text) || (r.Notes != null && r.Notes.ToLower().Contains(text)));
        }
        if (query.Filter is { } filter)
        {
            try { runs = runs.Where(RunFilterParser.Parse(filter, db.Database.IsSqlite())); }
            catch (FilterException e) { return new([], 0, e.Message); }
        }
        try
        {
            var total = await runs.CountAsync(ct);
            var rows = await RunsSort.Apply(runs, query.Sort, query.Descending, time.GetUtcNow().UtcDateTime)
                .Skip((query.Page - 1) * query.Size).Take(query.Size)
                .Select(Row).ToListAsync(ct);
            return new(await WithTagsAndExperimentsAsync(rows, ct), total, null);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            // A config key compared as a number where some run stores text fails in PostgreSQL's cast.
            return new([], 0, "the database could not evaluate the filter: " + e.GetBaseException().Message);
        }
    }

    /// <summary>One run as a row of the list (what <c>GET /api/runs/{id}</c> shows); null if it does not exist.</summary>
    public async Task<RunRow?> FindAsync(long id, CancellationToken ct)
    {
        var rows = await db.Runs.AsNoTracking().Where(r => r.Id == id).Select(Row).ToListAsync(ct);
        return (await WithTagsAndExperimentsAsync(rows, ct)).SingleOrDefault();
    }

    // Tags and experiment names for these rows only: two small indexed look-ups instead of a wide join.
    private async Task<List<RunRow>> WithTagsAndExperimentsAsync(List<RunRow> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var tags = (await db.RunTags.AsNoTracking().Where(t => ids.Contains(t.RunId)).ToListAsync(ct)).ToLookup(t => t.RunId, t => t.Tag);
        var experimentIds = rows.Where(r => r.ExperimentId != null).Select(r => r.ExperimentId!.Value).Distinct().ToList();
        var experiments = await db.Experiments.AsNoTracking().Where(e => experimentIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return rows.Select(r => r with
        {
            Tags = tags[r.Id].Order(StringComparer.Ordinal).ToList(),
            ExperimentName = r.ExperimentId is { } e ? experiments.GetValueOrDefault(e) : null,
        }).ToList();
    }
}
