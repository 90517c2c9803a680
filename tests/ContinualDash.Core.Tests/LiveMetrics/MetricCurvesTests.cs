using ContinualDash.Core.Evaluation;
using ContinualDash.Core.LiveMetrics;

namespace ContinualDash.Core.Tests.LiveMetrics;

public sealed class MetricCurvesTests
{
    [Fact]
    public void Reduce_LongLogWithOneIterationDip_BoundedCurvesKeepTheDipAndLeaveOutNulls()
    {
        // Task 0 ends at 999; during task 1 its accuracy is 0.8 except one dip to 0.1 at iteration 6,543.
        var evals = new List<TaskAccuracy>();
        for (var t = 0; t < 20_000; t++)
        {
            evals.Add(new TaskAccuracy(t, 0, t < 1000 ? 0.9 : t == 6_543 ? 0.1 : 0.8));
            if (t >= 1000) evals.Add(new TaskAccuracy(t, 1, 0.7));
        }
        var rows = ContinualMetrics.Compute(new AccuracyLog([999, 19_999], evals, new MetricsSettings())).PerIteration;

        var curves = MetricCurves.Reduce(rows, rows.Count, buckets: 100);

        Assert.Equal(MetricCurves.Names.Order(), curves.Keys.Order());
        Assert.All(curves.Values, c => Assert.InRange(c.Length, 1, 400));
        Assert.Contains(curves["wc_acc"], p => p.X == 6_543 && Math.Abs(p.Y - (0.7 + 0.1) / 2) < 1e-12);
        Assert.Equal(0.1, curves["min_acc"].Min(p => p.Y), 12);
        Assert.True(curves["min_acc"].Min(p => p.X) >= 1000, "min-ACC is null during task 0 and has no points there");
    }
}
