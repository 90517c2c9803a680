using ContinualDash.Core.Data;
using ContinualDash.Core.Evaluation;
using ContinualDash.Core.Metrics;
using ContinualDash.Core.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Compare;

/// <summary>A run's curve for a compare metric: from the metrics engine or straight from a logged series.</summary>
public sealed class CurveReader(DashDbContext db)
{
    public async Task<(double[] X, double[] Y)> ReadAsync(long runId, string metric, int task, CancellationToken ct)
    {
        if (CompareQuery.EngineMetrics.Contains(metric)) return await EngineAsync(runId, metric, ct);
        var name = metric == "acc" ? RunAccuracyLog.AccuracySeries : metric;
        var taskKey = metric == "acc" ? task : MetricSeries.NoTask;
        var points = await (from p in db.MetricPoints.AsNoTracking()
                            join s in db.MetricSeries on p.SeriesId equals s.Id
                            where s.RunId == runId && s.Name == name && s.TaskKey == taskKey
                            orderby p.Iteration, p.Id
                            select new { p.Iteration, p.Value }).ToListAsync(ct);
        return (points.Select(p => (double)p.Iteration).ToArray(), points.Select(p => p.Value).ToArray());
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
