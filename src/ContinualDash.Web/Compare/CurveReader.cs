using ContinualDash.Core.Data;
using ContinualDash.Core.Evaluation;
using ContinualDash.Core.Metrics;
using ContinualDash.Core.Series;
using ContinualDash.Core.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Compare;

/// <summary>A run's curve for a compare metric: from the metrics engine or straight from a logged series.</summary>
public sealed class CurveReader(DashDbContext db, SeriesPointCache cache)
{
    public async Task<(double[] X, double[] Y)> ReadAsync(long runId, string metric, int task, CancellationToken ct)
    {
        if (CompareQuery.EngineMetrics.Contains(metric)) return await EngineAsync(runId, metric, ct);
        var name = metric == "acc" ? RunAccuracyLog.AccuracySeries : metric;
        var taskKey = metric == "acc" ? task : MetricSeries.NoTask;
        var seriesId = await db.MetricSeries.Where(s => s.RunId == runId && s.Name == name && s.TaskKey == taskKey)
            .Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);
        if (seriesId is null) return ([], []);
        // The series cache's copy (stored order, shared): callers get their own arrays.
        var stored = await cache.GetAsync(db, seriesId.Value, ct);
        return (stored.Xs.AsSpan(0, stored.Length).ToArray(), stored.Ys.AsSpan(0, stored.Length).ToArray());
    }

    // The same computation as the cl-metrics endpoint, in-process: the run's accuracy log through the engine.
    private async Task<(double[] X, double[] Y)> EngineAsync(long runId, string metric, CancellationToken ct)
    {
        var log = await RunAccuracyLog.WriteAsync(db, runId, null, ct);
        if (log is null) return ([], []);
        MetricsReport report;
        try { report = ContinualMetrics.Compute(AccuracyLogJson.Parse(log)); }
        catch (MetricsInputException) { return ([], []); }
        var rows = report.PerIteration.Select(r => (r.Iteration, Value: metric switch
        {
            "avg_acc" => r.AvgAccSeen,
            "min_acc" => r.MinAcc,
            "wc_acc" => r.WcAcc,
            "forgetting" => r.Forg,
            _ => r.Bwt,
        })).Where(r => r.Value is not null).ToList();
        return (rows.Select(r => (double)r.Iteration).ToArray(), rows.Select(r => r.Value!.Value).ToArray());
    }
}
