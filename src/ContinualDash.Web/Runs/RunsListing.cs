using ContinualDash.Core.Data;
using ContinualDash.Core.Runs;
using ContinualDash.Web.Runs.Filtering;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Runs;

/// <summary>Filters, sorts and pages the runs table in the database.</summary>
public sealed class RunsListing(DashDbContext db, TimeProvider time)
{
    /// <summary>Sortable columns (query-string name → what the database orders by).</summary>
    public static readonly IReadOnlyList<string> SortKeys =
        ["id", "status", "name", "experiment", "benchmark", "strategy", "seed", "acc", "min_acc", "wc_acc", "bwt", "forgetting", "started", "duration"];

    public async Task<RunsResult> ListAsync(RunsQuery query, CancellationToken ct)
    {
        IQueryable<Run> runs = db.Runs.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Status)) runs = runs.Where(r => r.Status == query.Status);
        if (!string.IsNullOrWhiteSpace(query.Tag)) runs = runs.Where(r => r.Tags.Any(t => t.Tag == query.Tag));
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim().ToLowerInvariant();
            runs = runs.Where(r => r.Name.ToLower().Contains(text) || (r.Notes != null && r.Notes.ToLower().Contains(text)));
        }
        if (!string.IsNullOrWhiteSpace(query.Filter))
        {
            try { runs = runs.Where(RunFilterParser.Parse(query.Filter, db.Database.IsSqlite())); }
            catch (FilterException e) { return new([], 0, e.Message); }
        }
        try
        {
            var total = await runs.CountAsync(ct);
            var rows = await Sorted(runs, query, time.GetUtcNow().UtcDateTime)
                .Skip((query.Page - 1) * query.Size).Take(query.Size)
                .Select(r => new RunRow(r.Id, r.Name, r.Status, r.ExperimentId, null, r.Benchmark, r.Strategy, r.Seed,
                    r.FinalAvgAcc, r.FinalMinAcc, r.FinalWcAcc, r.FinalBwt, r.FinalForgetting, r.CreatedAt, r.StartedAt, r.FinishedAt))
                .ToListAsync(ct);
            // Tags and experiment names for this page only: two small indexed look-ups instead of a wide join.
            var ids = rows.Select(r => r.Id).ToList();
            var tags = (await db.RunTags.AsNoTracking().Where(t => ids.Contains(t.RunId)).ToListAsync(ct)).ToLookup(t => t.RunId, t => t.Tag);
            var experimentIds = rows.Where(r => r.ExperimentId != null).Select(r => r.ExperimentId!.Value).Distinct().ToList();
            var experiments = await db.Experiments.AsNoTracking().Where(e => experimentIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
            rows = rows.Select(r => r with
            {
                Tags = tags[r.Id].Order().ToList(),
                ExperimentName = r.ExperimentId is { } e ? experiments.GetValueOrDefault(e) : null,
            }).ToList();
            return new(rows, total, null);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            // A config key compared as a number where some run stores text fails in PostgreSQL's cast.
            return new([], 0, "the database could not evaluate the filter: " + e.GetBaseException().Message);
        }
    }

    private static IQueryable<Run> Sorted(IQueryable<Run> runs, RunsQuery q, DateTime now) => (q.Sort ?? "id") switch
    {
        "status" => Order(runs, r => r.Status, q),
        "name" => Order(runs, r => r.Name, q),
        "experiment" => Order(runs, r => r.ExperimentId, q),
        "benchmark" => Order(runs, r => r.Benchmark, q),
        "strategy" => Order(runs, r => r.Strategy, q),
        "seed" => Order(runs, r => r.Seed, q),
        "acc" => Order(runs, r => r.FinalAvgAcc, q),
        "min_acc" => Order(runs, r => r.FinalMinAcc, q),
        "wc_acc" => Order(runs, r => r.FinalWcAcc, q),
        "bwt" => Order(runs, r => r.FinalBwt, q),
        "forgetting" => Order(runs, r => r.FinalForgetting, q),
        "started" => Order(runs, r => r.StartedAt, q),
        // A running run's duration grows until now, as the table shows it; queued runs have none.
        "duration" => Order(runs, r => RunTime.Days(r.StartedAt, r.FinishedAt ?? now), q),
        _ => q.Descending ? runs.OrderByDescending(r => r.Id) : runs.OrderBy(r => r.Id),
    };

    // Ties (and nulls, which the providers place differently) fall back to the id so that pages never overlap.
    private static IQueryable<Run> Order<T>(IQueryable<Run> runs, System.Linq.Expressions.Expression<Func<Run, T>> key, RunsQuery q) =>
        q.Descending ? runs.OrderByDescending(key).ThenByDescending(r => r.Id) : runs.OrderBy(key).ThenBy(r => r.Id);
}
