using ContinualDash.Core.Data;
using ContinualDash.Core.Evaluation;
using ContinualDash.Core.Tracking;

namespace ContinualDash.Bench.Metrics;

/// <summary>
/// A viewer's refresh before live metrics: the whole stored log written as S7 JSON
/// (<see cref="RunAccuracyLog.WriteAsync"/>: every chunk read and decoded), parsed, and evaluated by the batch
/// engine. Its evaluations run past the last recorded boundary (the last task is still open), which the
/// batch engine rejects, so the open task's boundary is placed at the last evaluated iteration: the log on
/// which <c>LiveRunMetrics</c> defines its per-iteration rows, so both sides compute the same numbers.
/// </summary>
internal static class OldRecompute
{
    /// <summary>One recompute and the process CPU ms of its three steps.</summary>
    public sealed record Result(MetricsReport Report, int LogBytes, double WriteLogCpuMs, double ParseCpuMs, double ComputeCpuMs);

    public static async Task<Result> RunAsync(DashDbContext db, long runId, CancellationToken ct)
    {
        var start = ProcessClock.Now();
        var bytes = await RunAccuracyLog.WriteAsync(db, runId, null, ct) ?? throw new InvalidOperationException($"run {runId} is gone");
        var write = ProcessClock.Since(start).CpuMs;

        start = ProcessClock.Now();
        var log = AccuracyLogJson.Parse(bytes);
        var parse = ProcessClock.Since(start).CpuMs;

        start = ProcessClock.Now();
        var last = log.Evaluations.Max(e => e.Iteration);
        var closed = log.TaskBoundaries.Count > 0 && log.TaskBoundaries[^1] >= last
            ? log
            : log with { TaskBoundaries = [.. log.TaskBoundaries, last] };
        var report = ContinualMetrics.Compute(closed);
        var compute = ProcessClock.Since(start).CpuMs;
        return new Result(report, bytes.Length, write, parse, compute);
    }
}
