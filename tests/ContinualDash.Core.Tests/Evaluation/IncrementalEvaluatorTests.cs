using ContinualDash.Core.Evaluation;

namespace ContinualDash.Core.Tests.Evaluation;

public sealed class IncrementalEvaluatorTests
{
    [Fact]
    public void Current_RandomLogsFedLive_EqualsBatchNumberForNumber()
    {
        var random = new Random(7);
        foreach (var log in RandomLogs.Generate(seed: 99, count: 300))
        {
            var batch = MetricsReportJson.ToJson(ContinualMetrics.Compute(log));
            var evaluator = new IncrementalEvaluator(log.TaskBoundaries.Count, log.Settings);
            var next = 0;
            // A live run announces a boundary as soon as the task ends: right after the boundary's iteration.
            foreach (var e in log.Evaluations.OrderBy(e => e.Iteration).ThenBy(_ => random.Next()))
            {
                while (next < log.TaskBoundaries.Count && log.TaskBoundaries[next] < e.Iteration)
                    evaluator.AddBoundary(log.TaskBoundaries[next++]);
                evaluator.AddEvaluation(e);
                if (random.NextDouble() < 0.2) evaluator.Current();
                if (next < log.TaskBoundaries.Count && log.TaskBoundaries[next] == e.Iteration && random.NextDouble() < 0.5)
                    evaluator.AddBoundary(log.TaskBoundaries[next++]);
            }
            while (next < log.TaskBoundaries.Count) evaluator.AddBoundary(log.TaskBoundaries[next++]);

            Assert.Equal(batch, MetricsReportJson.ToJson(evaluator.Current()));
        }
    }

    [Fact]
    public void Current_MidTask_ReportsRunningValuesAndOpenGap()
    {
        var evaluator = new IncrementalEvaluator(3, WorkedExample.Settings);
        evaluator.AddBoundary(2);
        foreach (var e in WorkedExample.Evaluations.Where(e => e.Iteration <= 3)) evaluator.AddEvaluation(e);

        var report = evaluator.Current();

        Assert.Equal([2], report.TaskBoundaries);
        Assert.Single(report.BoundaryMetrics);
        Assert.Null(report.Final.AvgAcc);
        Assert.Null(report.Final.MinAcc);
        Assert.Equal(0.20, report.Final.Wf!.Value, 12);
        Assert.Equal(0.50, report.PerTask[0].MinAcc);
        var gap = Assert.Single(report.StabilityGap);
        Assert.Equal((0, 1, 0.50, 3), (gap.Task, gap.DuringTask, gap.MinAcc!.Value, gap.MinIteration!.Value));
        Assert.Null(gap.AccAtBoundary);
        Assert.Equal(4, report.PerIteration.Count);
        Assert.Equal(0.60, report.PerIteration[^1].WcAcc!.Value, 12);
    }

    [Fact]
    public void Current_CalledTwice_DoesNotChangeTheEvaluator()
    {
        var evaluator = new IncrementalEvaluator(3, WorkedExample.Settings);
        evaluator.AddEvaluation(new TaskAccuracy(0, 0, 0.10));
        evaluator.AddBoundary(2);
        var first = MetricsReportJson.ToJson(evaluator.Current());

        Assert.Equal(first, MetricsReportJson.ToJson(evaluator.Current()));
        evaluator.AddEvaluation(new TaskAccuracy(0, 1, 0.05));
        Assert.Single(evaluator.Current().PerIteration);
    }

    [Fact]
    public void AddEvaluation_AfterLastBoundaryOnceAllAreKnown_IsRejected()
    {
        var evaluator = new IncrementalEvaluator(1, new MetricsSettings());
        evaluator.AddEvaluation(new TaskAccuracy(5, 0, 0.5));
        evaluator.AddBoundary(5);

        var e = Assert.Throws<MetricsInputException>(() => evaluator.AddEvaluation(new TaskAccuracy(6, 0, 0.5)));
        Assert.Equal("evaluation (iteration 6, task 0): iteration is after the last task boundary 5", e.Message);
    }

    [Fact]
    public void AddEvaluation_BeyondKnownBoundaries_BelongsToTheOpenTask()
    {
        var evaluator = new IncrementalEvaluator(3, new MetricsSettings());
        evaluator.AddBoundary(0);
        evaluator.AddEvaluation(new TaskAccuracy(50, 1, 0.5));

        Assert.Equal(1, evaluator.Current().PerIteration[0].CurrentTask);
    }

    [Theory]
    [InlineData(3, 0, 0.5, "evaluation (iteration 3, task 0): evaluations must arrive in iteration order, but iteration 4 came before")]
    [InlineData(4, 0, 0.5, "evaluation (iteration 4, task 0): this task is already evaluated at this iteration")]
    [InlineData(4, 3, 0.5, "evaluation (iteration 4, task 3): task is not a task index (0..2)")]
    [InlineData(5, 1, 90.0, "evaluation (iteration 5, task 1): accuracy = 90 is not a fraction in [0, 1] (percentages must be divided by 100)")]
    [InlineData(5, 1, double.NaN, "evaluation (iteration 5, task 1): accuracy = NaN is not a number in [0, 1]")]
    public void AddEvaluation_InvalidEvaluation_IsRejectedAndStateKept(int t, int task, double acc, string message)
    {
        var evaluator = new IncrementalEvaluator(3, new MetricsSettings());
        evaluator.AddEvaluation(new TaskAccuracy(4, 0, 0.5));
        var before = MetricsReportJson.ToJson(evaluator.Current());

        var e = Assert.Throws<MetricsInputException>(() => evaluator.AddEvaluation(new TaskAccuracy(t, task, acc)));

        Assert.Equal(message, e.Message);
        Assert.Equal(before, MetricsReportJson.ToJson(evaluator.Current()));
    }

    [Theory]
    [InlineData(3, "task boundary 3 is before iteration 4, which is already evaluated")]
    [InlineData(-1, "task boundary -1 is negative")]
    public void AddBoundary_InvalidBoundary_IsRejected(int boundary, string message)
    {
        var evaluator = new IncrementalEvaluator(3, new MetricsSettings());
        evaluator.AddEvaluation(new TaskAccuracy(4, 0, 0.5));

        Assert.Equal(message, Assert.Throws<MetricsInputException>(() => evaluator.AddBoundary(boundary)).Message);
    }

    [Fact]
    public void AddBoundary_NotIncreasingOrTooMany_IsRejected()
    {
        var evaluator = new IncrementalEvaluator(2, new MetricsSettings());
        evaluator.AddBoundary(4);
        Assert.Equal("task boundary 4 is not after the previous boundary 4",
            Assert.Throws<MetricsInputException>(() => evaluator.AddBoundary(4)).Message);
        evaluator.AddBoundary(6);
        Assert.Equal("task boundary 7: all 2 task boundaries are already known",
            Assert.Throws<MetricsInputException>(() => evaluator.AddBoundary(7)).Message);
    }
}
