using ContinualDash.Core.Evaluation;

namespace ContinualDash.Core.Tests.Evaluation;

/// <summary>The rows of METRICS.md S5, one test each (the rejected inputs are in <see cref="AccuracyLogValidatorTests"/>).</summary>
public sealed class ContinualMetricsEdgeCaseTests
{
    [Fact]
    public void Compute_DuringFirstTask_ForgettingAndMinAccNullAndWcAccIsOwnAccuracy()
    {
        var report = Compute([3, 5], (0, 0, 0.2), (1, 0, 0.9), (2, 0, 0.4), (3, 0, 0.5), (5, 1, 0.5));

        foreach (var row in report.PerIteration.Where(r => r.CurrentTask == 0))
        {
            Assert.Null(row.Forg);
            Assert.Null(row.Bwt);
            Assert.Null(row.MinAcc);
            Assert.Equal(0, row.MinAccTasks);
            Assert.Equal(row.AvgAccSeen, row.WcAcc);
        }
        Assert.Equal(0.2, report.PerIteration[0].WcAcc);
        Assert.Equal(0.5, report.PerTask[0].Wf!.Value, 12);
        Assert.Equal(0.7, report.PerTask[0].Wp!.Value, 12);
    }

    [Fact]
    public void Compute_SingleTask_AvgAccEqualsWcAccAndTransferMetricsAreNull()
    {
        var report = Compute([2], (0, 0, 0.1), (1, 0, 0.5), (2, 0, 0.8));

        Assert.Equal(0.8, report.Final.AvgAcc);
        Assert.Equal(0.8, report.Final.WcAcc);
        Assert.Null(report.Final.AvgForg);
        Assert.Null(report.Final.AvgForgMax);
        Assert.Null(report.Final.Bwt);
        Assert.Null(report.Final.MinAcc);
        Assert.Null(report.Final.Fwt);
        Assert.Equal(0, report.Final.FwtTerms);
        Assert.Empty(report.StabilityGap);
    }

    [Fact]
    public void Compute_PreviousTaskNotYetEvaluatedAfterItsPhase_IsLeftOutOfMinAccAndWcAcc()
    {
        // Task 1 has no evaluation after its phase ended at b_1 = 3, so only task 0 has a minimum.
        var report = Compute([1, 3, 6], (1, 0, 0.9), (2, 0, 0.6), (3, 0, 0.7), (3, 1, 0.8), (4, 2, 0.5), (5, 0, 0.4), (5, 2, 0.6));

        var at4 = report.PerIteration.Single(r => r.Iteration == 4);
        Assert.Equal(2, at4.CurrentTask);
        Assert.Equal(1, at4.MinAccTasks); // task 1 has no evaluation after b_1 = 3 yet
        Assert.Equal(0.6, at4.MinAcc);
        Assert.Equal((0.5 + 0.6) / 2, at4.WcAcc!.Value, 12);
        var at5 = report.PerIteration.Single(r => r.Iteration == 5);
        Assert.Equal(1, at5.MinAccTasks);
        Assert.Equal(0.4, at5.MinAcc);
    }

    [Fact]
    public void Compute_CurrentTaskNotEvaluatedAtIteration_WcAccIsNull()
    {
        var report = Compute([1, 4], (1, 0, 0.9), (2, 0, 0.5), (2, 1, 0.3), (3, 0, 0.6), (4, 1, 0.7), (4, 0, 0.8));

        var at3 = report.PerIteration.Single(r => r.Iteration == 3);
        Assert.Null(at3.WcAcc);
        Assert.Equal(0.5, at3.MinAcc);
        Assert.NotNull(report.PerIteration.Single(r => r.Iteration == 2).WcAcc);
    }

    [Fact]
    public void Compute_TaskNeverEvaluated_WarnsAndIsDroppedFromWindowMeans()
    {
        var report = Compute([1, 3], (0, 0, 0.5), (1, 0, 0.9), (2, 0, 0.3), (3, 0, 0.4));

        Assert.Null(report.PerTask[1].Wf);
        Assert.Equal(0, report.PerTask[1].NEvalsSeen);
        Assert.Equal(report.PerTask[0].Wf, report.Final.Wf);
        Assert.Equal([null, null], report.R.Select(row => row[1]));
        Assert.Contains("task 1 is never evaluated while seen; it is left out of the wf and wp means", report.Warnings);
        Assert.Contains(report.Warnings, w => w.StartsWith("R[1][1] is missing"));
    }

    [Fact]
    public void Compute_NoEvaluationAtBoundary_TakesLastOfPhaseWithWarningOrNull()
    {
        // Period 2: boundaries at odd iterations are never evaluated; task 1 has no evaluation in phase 0.
        var report = Compute([3, 7], (0, 0, 0.1), (2, 0, 0.8), (4, 0, 0.6), (4, 1, 0.5), (6, 0, 0.7), (6, 1, 0.9));

        Assert.Equal([0.8, null], report.R[0]);
        Assert.Equal([2, null], report.RIterations[0]);
        Assert.Equal([0.7, 0.9], report.R[1]);
        Assert.Equal([6, 6], report.RIterations[1]);
        Assert.Contains("R[0][0] is taken from iteration 2: task 0 was not evaluated at the boundary b_0 = 3", report.Warnings);
        Assert.Equal(0.8, report.BoundaryMetrics[0].AvgAcc);
    }

    [Fact]
    public void Compute_NeededREntryMissing_BoundaryMetricsNullWithWarning()
    {
        // Task 0 is not evaluated in phase 1, so R[1][0] is missing.
        var report = Compute([1, 3, 5], (1, 0, 0.9), (2, 1, 0.6), (3, 1, 0.7), (4, 0, 0.5), (4, 2, 0.4), (5, 0, 0.6), (5, 1, 0.6), (5, 2, 0.5));

        var atOne = report.BoundaryMetrics[1];
        Assert.Null(atOne.AvgAcc);
        Assert.Null(atOne.AvgForg);
        Assert.Null(atOne.AvgForgMax);
        Assert.Null(atOne.Bwt);
        Assert.Equal(0.7, atOne.WcAcc);
        Assert.Contains(report.Warnings, w => w.StartsWith("R[1][0] is missing"));
        // The final row needs R[0][0], R[1][1], R[2][*] only for FORG, but FORG-max also needs R[1][0].
        Assert.NotNull(report.Final.AvgForg);
        Assert.Null(report.Final.AvgForgMax);
    }

    [Fact]
    public void Compute_PreviousTaskNotEvaluatedAtIteration_ForgettingCurveIsNull()
    {
        var report = Compute([1, 4], (1, 0, 0.9), (2, 0, 0.5), (2, 1, 0.3), (3, 1, 0.4), (4, 0, 0.8), (4, 1, 0.7));

        Assert.Equal(0.4, report.PerIteration.Single(r => r.Iteration == 2).Forg!.Value, 12);
        Assert.Null(report.PerIteration.Single(r => r.Iteration == 3).Forg);
    }

    [Fact]
    public void Compute_FwtTermsPartlyMissing_AveragesAvailableTermsAndFallsBackToIterationZero()
    {
        // b_1 from the t = 0 evaluation of task 1; b_2 given; task 3 has no R[2][3].
        var settings = new MetricsSettings(RandomInitAccuracy: [null, null, 0.1]);
        var report = Compute([1, 2, 3, 4], settings,
            (0, 0, 0.1), (0, 1, 0.2), (1, 0, 0.5), (1, 1, 0.5), (2, 1, 0.6), (2, 2, 0.4), (3, 2, 0.7), (4, 3, 0.5));

        Assert.Equal(2, report.Final.FwtTerms);
        Assert.Equal(((0.5 - 0.2) + (0.4 - 0.1)) / 2, report.Final.Fwt!.Value, 12);
        Assert.Null(report.PerTask[3].Fwt);
        Assert.Null(Compute([1, 2], (1, 0, 0.5), (2, 1, 0.5)).Final.Fwt);
    }

    [Fact]
    public void Compute_FutureTaskEvaluations_OnlyFeedRAndFwt()
    {
        var withFuture = Compute([1, 3], (0, 0, 0.5), (0, 1, 0.0), (1, 0, 0.9), (1, 1, 1.0), (2, 0, 0.6), (2, 1, 0.4), (3, 0, 0.7), (3, 1, 0.8));
        var without = Compute([1, 3], (0, 0, 0.5), (1, 0, 0.9), (2, 0, 0.6), (2, 1, 0.4), (3, 0, 0.7), (3, 1, 0.8));

        Assert.Equal(1.0, withFuture.R[0][1]);
        Assert.Equal(1.0, withFuture.Final.Fwt);
        Assert.Equal(without.PerIteration, withFuture.PerIteration);
        Assert.Equal(without.PerTask[1].Wp, withFuture.PerTask[1].Wp);
        Assert.Equal(without.Final.MinAcc, withFuture.Final.MinAcc);
        Assert.Equal(without.Final.WcAcc, withFuture.Final.WcAcc);
    }

    [Fact]
    public void Compute_TiedMinimum_ReportsEarliestIteration()
    {
        var report = Compute([0, 5], (0, 0, 0.9), (1, 0, 0.3), (2, 0, 0.5), (3, 0, 0.3), (5, 0, 0.3), (5, 1, 0.2));

        Assert.Equal(1, report.PerTask[0].MinAccIteration);
        Assert.Equal(1, report.StabilityGap.Single().MinIteration);
    }

    [Fact]
    public void Compute_WindowOfOne_WfAndWpAreZero()
    {
        var report = Compute([3], new MetricsSettings(Window: 1), (0, 0, 0.1), (1, 0, 0.9), (2, 0, 0.2), (3, 0, 0.8));

        Assert.Equal(0, report.Final.Wf);
        Assert.Equal(0, report.Final.Wp);
        Assert.Equal(0, report.Final.WpCodeReplica);
    }

    [Fact]
    public void Compute_AccuracyImprovesAfterTask_NegativeForgettingButWindowsFlooredAtZero()
    {
        var report = Compute([0, 2], new MetricsSettings(Window: 2), (0, 0, 0.5), (1, 0, 0.6), (2, 0, 0.7), (2, 1, 0.9));

        Assert.Equal(-0.2, report.Final.AvgForg!.Value, 12);
        Assert.Equal(0.2, report.Final.Bwt!.Value, 12);
        Assert.Equal(0, report.PerTask[0].Wf);
        Assert.Equal(0.1, report.PerTask[0].Wp!.Value, 12);
    }

    [Fact]
    public void Compute_SizesAndReferenceGiven_PooledAccuracyAndIntransigence()
    {
        var settings = new MetricsSettings(EvalSetSizes: [100, 300], ReferenceAccuracy: [0.9, null]);
        var report = Compute([0, 1], settings, (0, 0, 0.8), (1, 0, 0.6), (1, 1, 0.4));

        Assert.Equal((100 * 0.6 + 300 * 0.4) / 400, report.Final.AvgAccPooled!.Value, 12);
        Assert.Equal(0.5, report.Final.AvgAcc!.Value, 12);
        Assert.Equal(0.9 - 0.8, report.PerTask[0].Intransigence!.Value, 12);
        Assert.Null(report.PerTask[1].Intransigence);
        Assert.Equal(0.1, report.Final.Intransigence!.Value, 12);
        var partial = Compute([0, 1], new MetricsSettings(EvalSetSizes: [100]), (0, 0, 0.8), (1, 0, 0.6), (1, 1, 0.4));
        Assert.Null(partial.Final.AvgAccPooled);
        Assert.Contains("avg_acc_pooled is null: eval_set_sizes has no size for task 1", partial.Warnings);
    }

    private static MetricsReport Compute(int[] boundaries, params (int T, int Task, double Acc)[] evals) =>
        Compute(boundaries, new MetricsSettings(), evals);

    private static MetricsReport Compute(int[] boundaries, MetricsSettings settings, params (int T, int Task, double Acc)[] evals) =>
        ContinualMetrics.Compute(new AccuracyLog(boundaries, evals.Select(e => new TaskAccuracy(e.T, e.Task, e.Acc)).ToArray(), settings));
}
