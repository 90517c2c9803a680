using System.Globalization;
using System.Text;
using System.Text.Json;
using ContinualDash.Core.Data;
using ContinualDash.Core.Points;
using ContinualDash.Core.Runs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tracking;

/// <summary>The read side of the tracking API: list, detail and raw export.</summary>
internal static class RunReadEndpoints
{
    public const int MaxPageSize = 500;

    private static readonly string[] Sorts = ["created", "-created", "name", "-name", "status", "-status", "id", "-id"];

    /// <param name="status">Only runs with this status.</param>
    /// <param name="tag">Only runs with this tag.</param>
    /// <param name="experiment">Only runs of this experiment (by name).</param>
    /// <param name="q">Only runs whose name contains this text.</param>
    /// <param name="sort">created, name, status or id; a leading '-' sorts descending (default -created).</param>
    /// <param name="page">1-based page number.</param>
    /// <param name="pageSize">Runs per page, 1 to 500 (default 50).</param>
    public static async Task<Results<Ok<RunPage>, ProblemHttpResult>> ListAsync(
        DashDbContext db, string? status, string? tag, string? experiment, string? q, string? sort,
        int? page, int? pageSize, CancellationToken ct)
    {
        var pageNumber = page ?? 1;
        var size = pageSize ?? 50;
        if (pageNumber < 1) return TrackingProblems.Invalid("page", "must be 1 or more");
        if (size is < 1 or > MaxPageSize) return TrackingProblems.Invalid("pageSize", $"must be 1 to {MaxPageSize}");
        var order = sort ?? "-created";
        if (!Sorts.Contains(order)) return TrackingProblems.Invalid("sort", $"must be one of {string.Join(", ", Sorts)}");
        var statusName = status is null ? null : RunStatus.All.FirstOrDefault(s => s.Equals(status, StringComparison.OrdinalIgnoreCase));
        if (status is not null && statusName is null)
            return TrackingProblems.Invalid("status", $"must be one of {string.Join(", ", RunStatus.All)}");

        var runs = db.Runs.AsNoTracking();
        if (statusName is not null) runs = runs.Where(r => r.Status == statusName);
        if (tag is not null) runs = runs.Where(r => r.Tags.Any(t => t.Tag == tag));
        if (experiment is not null) runs = runs.Where(r => db.Experiments.Any(e => e.Id == r.ExperimentId && e.Name == experiment));
        if (!string.IsNullOrEmpty(q)) runs = runs.Where(r => r.Name.Contains(q));

        var total = await runs.CountAsync(ct);
        runs = order switch
        {
            "created" => runs.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id),
            "name" => runs.OrderBy(r => r.Name).ThenBy(r => r.Id),
            "-name" => runs.OrderByDescending(r => r.Name).ThenByDescending(r => r.Id),
            "status" => runs.OrderBy(r => r.Status).ThenBy(r => r.Id),
            "-status" => runs.OrderByDescending(r => r.Status).ThenByDescending(r => r.Id),
            "id" => runs.OrderBy(r => r.Id),
            "-id" => runs.OrderByDescending(r => r.Id),
            _ => runs.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
        };
        var rows = await runs.Skip((pageNumber - 1) * size).Take(size).Include(r => r.Tags).ToListAsync(ct);
        var items = await SummariesAsync(db, rows, ct);
        return TypedResults.Ok(new RunPage(items, total, pageNumber, size));
    }

    public static async Task<Results<Ok<RunDetail>, ProblemHttpResult>> GetAsync(long id, DashDbContext db, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().Include(r => r.Tags).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null) return TrackingProblems.NotFound(id);

        var tasks = await db.TaskPhases.AsNoTracking().Where(p => p.RunId == id).OrderBy(p => p.TaskIndex)
            .Select(p => new TaskDetail(p.TaskIndex, p.Name, p.BoundaryIteration)).ToListAsync(ct);
        var series = await db.MetricSeries.AsNoTracking().Where(s => s.RunId == id)
            .OrderBy(s => s.Name).ThenBy(s => s.TaskKey)
            .Select(s => new { s.Name, s.TaskKey, Points = db.MetricSeriesCounts.Where(c => c.SeriesId == s.Id).Select(c => c.Points).FirstOrDefault() })
            .ToListAsync(ct);
        using var config = JsonDocument.Parse(run.ConfigJson);
        var summary = (await SummariesAsync(db, [run], ct))[0];
        return TypedResults.Ok(new RunDetail(summary, run.Attempt, run.Error, config.RootElement.Clone(), tasks,
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

    private static async Task<List<RunSummary>> SummariesAsync(DashDbContext db, IReadOnlyList<Run> runs, CancellationToken ct)
    {
        var experimentIds = runs.Where(r => r.ExperimentId is not null).Select(r => r.ExperimentId!.Value).Distinct().ToList();
        var experiments = await db.Experiments.AsNoTracking().Where(e => experimentIds.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return runs.Select(r => new RunSummary(
            r.Id, r.Name, r.Status, r.ExperimentId is { } e ? experiments.GetValueOrDefault(e) : null,
            r.Benchmark, r.Strategy, r.Seed, r.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal).ToList(),
            r.CreatedAt, r.StartedAt, r.FinishedAt)).ToList();
    }

    // RFC 4180: quote a field that holds a comma, quote or line break, doubling inner quotes.
    private static string Csv(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
