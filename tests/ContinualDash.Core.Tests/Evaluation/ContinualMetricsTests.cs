using ContinualDash.Core.Evaluation;

namespace ContinualDash.Core.Tests.Evaluation;

/// <summary>Every number of the worked example, METRICS.md S6.</summary>
public sealed class ContinualMetricsTests
{
    private const int Precision = 9;
    private static readonly MetricsReport Report = ContinualMetrics.Compute(WorkedExample.Log);

    [Fact]
    public void Compute_WorkedExample_FinalMetricsMatchS6()
    {
        var f = Report.Final;
        Close(0.816667, f.AvgAcc, 6);
        Assert.Equal(2.45 / 3, f.AvgAcc!.Value, Precision);
        Assert.Null(f.AvgAccPooled);
        Close(0.15, f.AvgForg);
        Close(-0.15, f.Bwt);
        Close(0.175, f.AvgForgMax);
        Close(0.075, f.Fwt);
        Assert.Equal(2, f.FwtTerms);
        Close(0.45, f.MinAcc);
        Close(1.85 / 3, f.WcAcc);
        Close(0.95 / 3 + 2.0 / 3 * 0.45, f.WcAcc);
        Close(0.30, f.Wf);
        Close(1.40 / 3, f.Wp);
        Close(0.40, f.WpCodeReplica);
        Assert.Null(f.Intransigence);
    }

    [Fact]
    public void Compute_WorkedExample_RMatrixAndIterationsMatchS6()
    {
        double?[][] r = [[0.90, 0.20, null], [0.95, 0.90, 0.30], [0.70, 0.80, 0.95]];
        int?[][] iterations = [[2, 2, null], [4, 4, 4], [6, 6, 6]];
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(r[k], Report.R[k]);
            Assert.Equal(iterations[k], Report.RIterations[k]);
        }
        Assert.Empty(Report.Warnings);
    }

    [Theory]
    [InlineData(0, 2, 0.90, null, null, null, 0, 0.90)]
    [InlineData(1, 4, 0.925, -0.05, -0.05, 0.50, 1, 0.70)]
    [InlineData(2, 6, 2.45 / 3, 0.15, 0.175, 0.45, 2, 1.85 / 3)]
    public void Compute_WorkedExample_BoundaryRowMatchesS6(
        int k, int iteration, double avgAcc, double? forg, double? forgMax, double? minAcc, int minTasks, double wcAcc)
    {
        var row = Report.BoundaryMetrics[k];
        Assert.Equal(k, row.Task);
        Assert.Equal(iteration, row.Iteration);
        Close(avgAcc, row.AvgAcc);
        Close(forg, row.AvgForg);
        Close(forgMax, row.AvgForgMax);
        Close(-forg, row.Bwt);
        Close(minAcc, row.MinAcc);
        Assert.Equal(minTasks, row.MinAccTasks);
        Close(wcAcc, row.WcAcc);
    }

    [Theory]
    [InlineData(0, 0, 0.10, null, null, 0, 0.10, 0.0, 0.0)]
    [InlineData(1, 0, 0.60, null, null, 0, 0.60, 0.0, 0.50)]
    [InlineData(2, 0, 0.90, null, null, 0, 0.90, 0.0, 0.80)]
    [InlineData(3, 1, 0.60, 0.40, 0.50, 1, 0.60, 0.20, 0.40)]
    [InlineData(4, 1, 0.925, -0.05, 0.50, 1, 0.70, 0.20, 0.50)]
    [InlineData(5, 2, 1.75 / 3, 0.40, 0.45, 2, 0.55, 0.30, 1.0 / 3)]
    [InlineData(6, 2, 2.45 / 3, 0.15, 0.45, 2, 1.85 / 3, 0.30, 1.40 / 3)]
    public void Compute_WorkedExample_IterationRowMatchesS6(
        int t, int cur, double avgSeen, double? forg, double? minAcc, int minTasks, double wcAcc, double wf, double wp)
    {
        var row = Report.PerIteration[t];
        Assert.Equal(t, row.Iteration);
        Assert.Equal(cur, row.CurrentTask);
        Close(avgSeen, row.AvgAccSeen);
        Close(forg, row.Forg);
        Close(-forg, row.Bwt);
        Close(minAcc, row.MinAcc);
        Assert.Equal(minTasks, row.MinAccTasks);
        Close(wcAcc, row.WcAcc);
        Close(wf, row.Wf);
        Close(wp, row.Wp);
    }

    [Fact]
    public void Compute_WorkedExample_PerIterationHasOneRowPerEvaluatedIteration()
    {
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], Report.PerIteration.Select(r => r.Iteration));
    }

    [Theory]
    [InlineData(0, 0.50, 3, 0.20, 0.25, null, 0.40, 0.80, 0.80)]
    [InlineData(1, 0.40, 5, 0.10, 0.10, 0.05, 0.50, 0.40, 0.20)]
    [InlineData(2, null, null, null, null, 0.10, 0.0, 0.20, 0.20)]
    public void Compute_WorkedExample_TaskRowMatchesS6(
        int task, double? minAcc, int? minIteration, double? forg, double? forgMax, double? fwt, double wf, double wp, double replica)
    {
        var row = Report.PerTask[task];
        Assert.Equal(task, row.Task);
        Close(minAcc, row.MinAcc);
        Assert.Equal(minIteration, row.MinAccIteration);
        Close(forg, row.Forg);
        Close(forgMax, row.ForgMax);
        Close(-forg, row.Bwt);
        Close(fwt, row.Fwt);
        Close(wf, row.Wf);
        Close(wp, row.Wp);
        Close(replica, row.WpCodeReplica);
        Assert.Equal(new[] { 7, 4, 2 }[task], row.NEvalsSeen);
    }

    [Theory]
    [InlineData(0, 1, 0.90, 0.50, 3, 0.40, 0.95, 0.45, 4)]
    [InlineData(0, 2, 0.95, 0.60, 5, 0.35, 0.70, 0.10, null)]
    [InlineData(1, 2, 0.90, 0.40, 5, 0.50, 0.80, 0.40, null)]
    public void Compute_WorkedExample_StabilityGapMatchesS6(
        int task, int during, double prev, double min, int minIteration, double depth, double atBoundary, double recovered, int? recovery)
    {
        var gap = Assert.Single(Report.StabilityGap, g => g.Task == task && g.DuringTask == during);
        Close(prev, gap.AccAtPrevBoundary);
        Close(min, gap.MinAcc);
        Assert.Equal(minIteration, gap.MinIteration);
        Close(depth, gap.Depth);
        Close(atBoundary, gap.AccAtBoundary);
        Close(recovered, gap.Recovered);
        Assert.Equal(recovery, gap.RecoveryIteration);
        Assert.Equal(3, Report.StabilityGap.Count);
    }

    private static void Close(double? expected, double? actual, int precision = Precision)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Assert.Equal(expected.Value, actual.Value, precision);
    }
}
