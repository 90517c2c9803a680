using System.Text.Json;
using ContinualDash.Core.Series;
using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Compare;

/// <summary>Builds the compare chart: one trace per run, or per group a seed mean with its min/max band.</summary>
public sealed class CompareBuilder(DashDbContext db, CurveReader curves)
{
    /// <summary>Points per trace after the dip-preserving M4 reduction (every bucket keeps its min and max).</summary>
    public const int PointsPerTrace = 1000;

    public async Task<CompareView> BuildAsync(CompareQuery q, CancellationToken ct)
    {
        var runs = await db.Runs.AsNoTracking().Where(r => q.Runs.Contains(r.Id)).OrderBy(r => r.Id).ToListAsync(ct);
        var missing = q.Runs.Except(runs.Select(r => r.Id)).ToList();
        var series = new List<(string Label, string Group, double[] X, double[] Y)>();
        foreach (var run in runs)
        {
            var (x, y) = await curves.ReadAsync(run.Id, q.Metric, q.Task, ct);
            (x, y) = Smooth(Window(x, y, q.From, q.To), q.Smooth);
            series.Add(($"{run.Name} (#{run.Id})", GroupOf(run.ConfigJson, q.Group), x, y));
        }
        var traces = q.Group is null
            ? series.Select(s => TraceReduction.Reduce(new CompareTrace(s.Label, s.X, s.Y), PointsPerTrace)).ToList()
            : series.GroupBy(s => s.Group).Select(g => TraceReduction.Reduce(Aggregate(g.Key, g.Select(s => (s.X, s.Y)).ToList()), PointsPerTrace)).ToList();
        return new CompareView(runs, traces, missing);
    }

    /// <summary>The value of a <c>config.key</c> in a run's configuration, as text; "(none)" when absent.</summary>
    public static string GroupOf(string configJson, string? group)
    {
        if (group is null) return "";
        var key = group.StartsWith("config.", StringComparison.Ordinal) ? group["config.".Length..] : group;
        try
        {
            using var doc = JsonDocument.Parse(configJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(key, out var v)
                ? (v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText())
                : "(none)";
        }
        catch (JsonException)
        {
            return "(none)";
        }
    }

    private static (double[] X, double[] Y) Window(double[] x, double[] y, double? from, double? to)
    {
        var keep = Enumerable.Range(0, x.Length).Where(i => (from is null || x[i] >= from) && (to is null || x[i] <= to)).ToList();
        return (keep.Select(i => x[i]).ToArray(), keep.Select(i => y[i]).ToArray());
    }

    // A trailing mean over the last `window` points; 1 leaves the series as it is.
    private static (double[] X, double[] Y) Smooth((double[] X, double[] Y) s, int window)
    {
        if (window <= 1) return s;
        var y = new double[s.Y.Length];
        var sum = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            sum += s.Y[i];
            if (i >= window) sum -= s.Y[i - window];
            y[i] = sum / Math.Min(i + 1, window);
        }
        return (s.X, y);
    }

    private static CompareTrace Aggregate(string group, List<(double[] X, double[] Y)> seeds)
    {
        var nonEmpty = seeds.Where(s => s.X.Length > 0).ToList();
        var grid = SeedAggregation.UnionGrid(nonEmpty.Select(s => s.X));
        var rows = SeedAggregation.Aggregate(nonEmpty, grid);
        return new CompareTrace(group, rows.Select(r => r.X).ToArray(), rows.Select(r => r.Mean).ToArray(),
            rows.Select(r => r.Min).ToArray(), rows.Select(r => r.Max).ToArray(), seeds.Count);
    }
}
