using ContinualDash.Core.Evaluation;

namespace ContinualDash.Core.Tests.Evaluation;

/// <summary>Properties of METRICS.md S3 on 300 seeded random logs, against <see cref="BruteForceMetrics"/>.</summary>
public sealed class ContinualMetricsPropertyTests
{
    private const int Precision = 12;
    private static readonly (AccuracyLog Log, MetricsReport Report, BruteForceMetrics Brute)[] Cases =
        RandomLogs.Generate(seed: 20230401, count: 300)
            .Select(log => (log, ContinualMetrics.Compute(log), new BruteForceMetrics(log)))
            .ToArray();

    [Fact]
    public void Compute_RandomLogs_BwtIsMinusForgettingEverywhere()
    {
        var checkedValues = 0;
        foreach (var (_, report, _) in Cases)
        {
            Assert.Equal(Negate(report.Final.AvgForg), report.Final.Bwt);
            foreach (var row in report.BoundaryMetrics) Assert.Equal(Negate(row.AvgForg), row.Bwt);
            foreach (var row in report.PerTask) Assert.Equal(Negate(row.Forg), row.Bwt);
            foreach (var row in report.PerIteration)
            {
                Assert.Equal(Negate(row.Forg), row.Bwt);
                if (row.Forg.HasValue) checkedValues++;
            }
        }
        Assert.True(checkedValues > 500, $"only {checkedValues} non-null forg(t) values");
    }

    [Fact]
    public void Compute_RandomLogs_MinAccMatchesBruteForce()
    {
        foreach (var (log, report, brute) in Cases)
        {
            foreach (var row in report.PerIteration)
            {
                var (mean, count) = brute.MinAcc(row.Iteration);
                Equal(mean, row.MinAcc);
                Assert.Equal(count, row.MinAccTasks);
            }
            foreach (var row in report.BoundaryMetrics)
            {
                var (mean, count) = brute.MinAcc(row.Iteration);
                Equal(mean, row.MinAcc);
                Assert.Equal(count, row.MinAccTasks);
            }
            var last = log.TaskBoundaries[^1];
            Equal(brute.MinAcc(last).Mean, report.Final.MinAcc);
            foreach (var task in report.PerTask)
            {
                var minimum = brute.Minimum(task.Task, last);
                Equal(minimum, task.MinAcc);
                var earliest = log.Evaluations
                    .Where(e => e.Task == task.Task && e.Iteration > log.TaskBoundaries[task.Task] && e.Accuracy == minimum)
                    .Select(e => (int?)e.Iteration).DefaultIfEmpty(null).Min();
                Assert.Equal(earliest, task.MinAccIteration);
            }
        }
    }

    [Fact]
    public void Compute_RandomLogs_WcAccEqualsPaperFormWhenEveryPreviousTaskHasAMinimum()
    {
        var compared = 0;
        foreach (var (_, report, brute) in Cases)
        {
            foreach (var row in report.PerIteration)
            {
                var k = row.CurrentTask;
                var own = brute.Accuracy(row.Iteration, k);
                if (own is null)
                {
                    Assert.Null(row.WcAcc);
                    continue;
                }
                if (row.MinAccTasks != k) continue;
                Assert.Equal(PaperWcAcc(k, own.Value, row.MinAcc), row.WcAcc!.Value, Precision);
                compared++;
            }
            foreach (var row in report.BoundaryMetrics)
            {
                if (row.MinAccTasks != row.Task || report.R[row.Task][row.Task] is not { } own) continue;
                Assert.Equal(PaperWcAcc(row.Task, own, row.MinAcc), row.WcAcc!.Value, Precision);
                compared++;
            }
        }
        Assert.True(compared > 500, $"only {compared} rows compared");
    }

    [Fact]
    public void Compute_RandomLogs_WindowedForgettingAndPlasticityMatchBruteForce()
    {
        foreach (var (log, report, brute) in Cases)
        {
            var w = log.Settings.Window;
            foreach (var task in report.PerTask)
            {
                var sequence = brute.SeenSequence(task.Task);
                Assert.Equal(sequence.Count, task.NEvalsSeen);
                Equal(sequence.Count == 0 ? null : BruteForceMetrics.WindowedDelta(sequence, w, decrease: true), task.Wf);
                Equal(sequence.Count == 0 ? null : BruteForceMetrics.WindowedDelta(sequence, w, decrease: false), task.Wp);
            }
            foreach (var row in report.PerIteration)
            {
                var sequences = Enumerable.Range(0, brute.NumTasks).Select(i => brute.SeenSequence(i, row.Iteration)).Where(s => s.Count > 0).ToList();
                Equal(sequences.Count == 0 ? null : sequences.Average(s => BruteForceMetrics.WindowedDelta(s, w, true)), row.Wf);
                Equal(sequences.Count == 0 ? null : sequences.Average(s => BruteForceMetrics.WindowedDelta(s, w, false)), row.Wp);
            }
            var seen = report.PerTask.Where(t => t.NEvalsSeen > 0).ToList();
            Equal(seen.Count == 0 ? null : seen.Average(t => t.Wf!.Value), report.Final.Wf);
            Equal(seen.Count == 0 ? null : seen.Average(t => t.Wp!.Value), report.Final.Wp);
        }
    }

    [Fact]
    public void Compute_RandomLogs_WpCodeReplicaMatchesTheScanOfCAndIsAtMostWp()
    {
        var strictlyBelow = 0;
        foreach (var (log, report, brute) in Cases)
        {
            foreach (var task in report.PerTask.Where(t => t.NEvalsSeen > 0))
            {
                var replica = BruteForceMetrics.CodeReplicaIncrease(brute.SeenSequence(task.Task), log.Settings.Window);
                Assert.Equal(replica, task.WpCodeReplica!.Value, Precision);
                Assert.True(task.WpCodeReplica <= task.Wp);
                if (task.WpCodeReplica < task.Wp) strictlyBelow++;
            }
        }
        Assert.True(strictlyBelow > 0, "no log exercised the pruning quirk of S3.7");
    }

    /// <summary>[P] with k + 1 tasks seen: (1/(k+1)) A_k + (1 - 1/(k+1)) min-ACC.</summary>
    private static double PaperWcAcc(int k, double own, double? minAcc) =>
        k == 0 ? own : own / (k + 1) + (1 - 1.0 / (k + 1)) * minAcc!.Value;

    private static double? Negate(double? value) => -value;

    private static void Equal(double? expected, double? actual)
    {
        Assert.Equal(expected.HasValue, actual.HasValue);
        if (expected.HasValue) Assert.Equal(expected.Value, actual!.Value, Precision);
    }
}
