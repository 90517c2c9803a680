using ContinualDash.Core.Evaluation;

namespace ContinualDash.Core.Tests.Evaluation;

/// <summary>Rejected inputs (METRICS.md S5 last row, S7): one-line messages naming the field.</summary>
public sealed class AccuracyLogValidatorTests
{
    [Theory]
    [InlineData(95.0, "evals[1].accuracy = 95 is not a fraction in [0, 1] (percentages must be divided by 100)")]
    [InlineData(-0.1, "evals[1].accuracy = -0.1 is not a fraction in [0, 1]")]
    [InlineData(double.NaN, "evals[1].accuracy = NaN is not a number in [0, 1]")]
    [InlineData(double.PositiveInfinity, "evals[1].accuracy = Infinity is not a number in [0, 1]")]
    public void Validate_BadAccuracy_NamesTheEvaluation(double accuracy, string message)
    {
        Assert.Equal(message, Reject([2], (0, 0, 0.5), (1, 0, accuracy)));
    }

    [Fact]
    public void Validate_IterationAfterLastBoundary_IsRejected()
    {
        Assert.Equal("evals[1].iteration = 7 is after the last task boundary 6", Reject([2, 6], (0, 0, 0.5), (7, 1, 0.5)));
    }

    [Fact]
    public void Validate_DuplicateIterationAndTask_NamesBothEntries()
    {
        Assert.Equal("evals[2] repeats (iteration 1, task 0) of evals[0]", Reject([2], (1, 0, 0.5), (0, 0, 0.5), (1, 0, 0.6)));
    }

    [Theory]
    [InlineData(new[] { 2, 2 }, "task_boundaries must be strictly increasing: task_boundaries[1] = 2 is not after task_boundaries[0] = 2")]
    [InlineData(new[] { 3, 1 }, "task_boundaries must be strictly increasing: task_boundaries[1] = 1 is not after task_boundaries[0] = 3")]
    [InlineData(new[] { -1 }, "task_boundaries[0] = -1 is negative")]
    [InlineData(new int[0], "task_boundaries: at least one task boundary is needed")]
    public void Validate_BadBoundaries_AreRejected(int[] boundaries, string message)
    {
        Assert.Equal(message, Reject(boundaries));
    }

    [Fact]
    public void Validate_UnknownTaskOrNegativeIteration_IsRejected()
    {
        Assert.Equal("evals[0].task = 2 is not a task index (0..1)", Reject([1, 2], (0, 2, 0.5)));
        Assert.Equal("evals[0].iteration = -1 is negative", Reject([1, 2], (-1, 0, 0.5)));
    }

    [Fact]
    public void Validate_BadSettings_AreRejected()
    {
        Assert.Equal("window = 0 must be at least 1", Reject([1], new MetricsSettings(Window: 0)));
        Assert.Equal("random_init_accuracy[0] = 10 is not a fraction in [0, 1] (percentages must be divided by 100)",
            Reject([1], new MetricsSettings(RandomInitAccuracy: [10])));
        Assert.Equal("eval_set_sizes[1] = 0 must be a positive number", Reject([1, 2], new MetricsSettings(EvalSetSizes: [5, 0])));
        Assert.Equal("reference_accuracy has 2 entries but there are 1 tasks", Reject([1], new MetricsSettings(ReferenceAccuracy: [0.5, 0.5])));
    }

    [Fact]
    public void Validate_UnsortedValidLog_GivesSameReportAsSorted()
    {
        var sorted = WorkedExample.Evaluations;
        var shuffled = sorted.Reverse().ToArray();

        var a = ContinualMetrics.Compute(new AccuracyLog(WorkedExample.Boundaries, sorted, WorkedExample.Settings));
        var b = ContinualMetrics.Compute(new AccuracyLog(WorkedExample.Boundaries, shuffled, WorkedExample.Settings));

        Assert.Equal(MetricsReportJson.ToJson(a), MetricsReportJson.ToJson(b));
    }

    private static string Reject(int[] boundaries, params (int T, int Task, double Acc)[] evals) =>
        Reject(boundaries, new MetricsSettings(), evals);

    private static string Reject(int[] boundaries, MetricsSettings settings, params (int T, int Task, double Acc)[] evals)
    {
        var log = new AccuracyLog(boundaries, evals.Select(e => new TaskAccuracy(e.T, e.Task, e.Acc)).ToArray(), settings);
        return Assert.Throws<MetricsInputException>(() => ContinualMetrics.Compute(log)).Message;
    }
}
