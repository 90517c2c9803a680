using ContinualDash.Core.Data;
using ContinualDash.Core.Evaluation;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.LiveMetrics;

/// <summary>The metrics report of a run, or why there is none.</summary>
/// <param name="Report">Null when <paramref name="Problem"/> says why.</param>
/// <param name="Problem">The message of the engine's input check, naming the evaluation or boundary.</param>
/// <param name="IsFinal">The run is in a final state: its log was checked as complete.</param>
public sealed record RunMetricsResult(MetricsReport? Report, string? Problem, bool IsFinal);

/// <summary>
/// The one way the API and the pages get a run's METRICS.md S7 report. A run in a final state has a
/// complete log, checked as strictly as <c>continualdash metrics</c> checks a file (every evaluation at or
/// before the last boundary). A run that still takes data is evaluated with open-task semantics through
/// <see cref="LiveRunMetrics"/>, which keeps its evaluator between requests.
/// </summary>
public static class RunMetrics
{
    /// <summary>The run's report; null for an unknown run.</summary>
    /// <param name="db">The database.</param>
    /// <param name="live">The live evaluators.</param>
    /// <param name="runId">The run.</param>
    /// <param name="window">WF/WP window instead of the configuration's; computed for this request only.</param>
    /// <param name="ct">Cancels the reads.</param>
    public static async Task<RunMetricsResult?> ComputeAsync(
        DashDbContext db, LiveRunMetrics live, long runId, int? window, CancellationToken ct)
    {
        var status = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => r.Status).FirstOrDefaultAsync(ct);
        if (status is null) return null;
        if (RunStatus.IsFinal(status))
        {
            var log = await RunAccuracyLog.WriteAsync(db, runId, window, ct);
            try
            {
                return new RunMetricsResult(ContinualMetrics.Compute(AccuracyLogJson.Parse(log!)), null, true);
            }
            catch (MetricsInputException e)
            {
                return new RunMetricsResult(null, e.Message, true);
            }
        }
        var view = window is null
            ? await live.ReadAsync(db, runId, 0, ct)
            : await new LiveRunState(runId, window).ReadAsync(db, 0, null, ct);
        return new RunMetricsResult(view.Report, view.Problem, false);
    }
}
