using System.Globalization;
using System.Text;
using System.Text.Json;
using ContinualDash.Core.Data;
using ContinualDash.Core.Points;
using ContinualDash.Web.Runs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tracking;

/// <summary>The read side of the tracking API: list, detail and raw export.</summary>
internal static class RunReadEndpoints
{
    /// <summary>The runs page's listing (<see cref="RunsListing"/>) as JSON: the same parameters, runs and order.</summary>
    /// <param name="status">Only runs with this status, any case.</param>
    /// <param name="tag">Only runs with this tag.</param>
    /// <param name="experiment">Only runs of this experiment (by name).</param>
    /// <param name="q">Only runs whose name or notes contain this text, ignoring case.</param>
    /// <param name="filter">A filter expression, e.g. <c>strategy = ER and final.wc_acc &gt; 0.5</c> (README, "Dashboard pages").</param>
    /// <param name="sort">created, id, status, name, experiment, benchmark, strategy, seed, acc, min_acc, wc_acc, bwt,
    /// forgetting, started or duration; a leading '-' sorts descending (default -created).</param>
    /// <param name="dir">asc or desc, instead of the '-' prefix.</param>
    /// <param name="page">1-based page number (a whole number; text, so that a bad one gets a 400 naming it).</param>
    /// <param name="pageSize">Runs per page, 1 to 500 (default 50).</param>
    public static async Task<Results<Ok<RunPage>, ProblemHttpResult>> ListAsync(
        RunsListing listing, string? status, string? tag, string? experiment, string? q, string? filter,
        string? sort, string? dir, string? page, string? pageSize, CancellationToken ct)
    {
        var query = new RunsRequest(status, tag, experiment, q, filter, sort, dir, page, pageSize).Bind(out var errors);
        if (errors.Count > 0) return TrackingProblems.Invalid(errors);
        var result = await listing.ListAsync(query, ct);
        if (result.FilterError is not null) return TrackingProblems.Invalid("filter", result.FilterError);
        return TypedResults.Ok(new RunPage(result.Rows.Select(RunSummary.From).ToList(), result.Total, query.Page, query.Size));
    }

    public static async Task<Results<Ok<RunDetail>, ProblemHttpResult>> GetAsync(
        long id, DashDbContext db, RunsListing listing, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        // The summary is the list's row, so the detail shows the same fields as GET /api/runs.
        var row = run is null ? null : await listing.FindAsync(id, ct);
        if (run is null || row is null) return TrackingProblems.NotFound(id);

        var tasks = await db.TaskPhases.AsNoTracking().Where(p => p.RunId == id).OrderBy(p => p.TaskIndex)
            .Select(p => new TaskDetail(p.TaskIndex, p.Name, p.BoundaryIteration)).ToListAsync(ct);
        var series = await db.MetricSeries.AsNoTracking().Where(s => s.RunId == id)
            .OrderBy(s => s.Name).ThenBy(s => s.TaskKey)
            .Select(s => new { s.Name, s.TaskKey, Points = db.MetricSeriesCounts.Where(c => c.SeriesId == s.Id).Select(c => c.Points).FirstOrDefault() })
            .ToListAsync(ct);
        using var config = JsonDocument.Parse(run.ConfigJson);
        return TypedResults.Ok(new RunDetail(RunSummary.From(row), run.Attempt, run.Error, config.RootElement.Clone(), tasks,
            series.Select(s => new SeriesDetail(s.Name, s.TaskKey < 0 ? null : s.TaskKey, s.Points)).ToList()));
    }

    /// <summary>Every raw point of the run in the order stored, streamed (CSV, or a JSON array).</summary>
    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportAsync(
        long id, string? format, DashDbContext db, CancellationToken ct)
    {
        var kind = (format ?? "csv").ToLowerInvariant();
        if (kind is not ("csv" or "json")) return TrackingProblems.Invalid("format", "must be csv or json");
        if (!await db.Runs.AnyAsync(r => r.Id == id, ct)) return TrackingProblems.NotFound(id);

        var points = RunPointReader.AfterAsync(db, id, afterId: 0, ct);
        return TypedResults.Stream(async stream =>
        {
            if (kind == "json")
            {
                await JsonSerializer.SerializeAsync(stream, points, JsonSerializerOptions.Web, ct);
                return;
            }
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
            await writer.WriteLineAsync("name,task,iteration,value,time,attempt");
            await foreach (var p in points.WithCancellation(ct))
            {
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{Csv(p.Name)},{p.Task},{p.Iteration},{p.Value:R},{p.Time},{p.Attempt}"));
            }
        }, kind == "json" ? "application/json" : "text/csv", $"run-{id}.{kind}");
    }

    // RFC 4180: quote a field that holds a comma, quote or line break, doubling inner quotes.
    private static string Csv(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
