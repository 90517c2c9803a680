using System.Text.Json;
using ContinualDash.Core.Evaluation;

namespace ContinualDash.Core.Tests.Evaluation;

public sealed class MetricsReportJsonTests
{
    private static readonly JsonElement Root =
        JsonDocument.Parse(MetricsReportJson.ToJson(ContinualMetrics.Compute(WorkedExample.Log))).RootElement;

    [Fact]
    public void Write_WorkedExample_HasExactlyTheKeysOfS7InOrder()
    {
        Assert.Equal(
            ["schema_version", "units", "num_tasks", "task_boundaries", "window", "final", "boundary_metrics", "R",
             "R_iterations", "per_task", "per_iteration", "stability_gap", "warnings"],
            Keys(Root));
        Assert.Equal(
            ["avg_acc", "avg_acc_pooled", "avg_forg", "avg_forg_max", "bwt", "fwt", "fwt_terms", "min_acc", "wc_acc",
             "wf", "wp", "wp_code_replica", "intransigence"],
            Keys(Root.GetProperty("final")));
        Assert.Equal(
            ["task", "iteration", "avg_acc", "avg_forg", "avg_forg_max", "bwt", "min_acc", "min_acc_tasks", "wc_acc"],
            Keys(Root.GetProperty("boundary_metrics")[0]));
        Assert.Equal(
            ["task", "n_evals_seen", "min_acc", "min_acc_iteration", "forg", "forg_max", "bwt", "fwt", "wf", "wp",
             "wp_code_replica", "intransigence"],
            Keys(Root.GetProperty("per_task")[0]));
        Assert.Equal(
            ["iteration", "current_task", "avg_acc_seen", "forg", "bwt", "min_acc", "min_acc_tasks", "wc_acc", "wf", "wp"],
            Keys(Root.GetProperty("per_iteration")[0]));
        Assert.Equal(
            ["task", "during_task", "acc_at_prev_boundary", "min_acc", "min_iteration", "depth", "acc_at_boundary",
             "recovered", "recovery_iteration"],
            Keys(Root.GetProperty("stability_gap")[0]));
    }

    [Fact]
    public void Write_WorkedExample_RoundsToTenDecimalsAndWritesNulls()
    {
        Assert.Equal(1, Root.GetProperty("schema_version").GetInt32());
        Assert.Equal("fraction", Root.GetProperty("units").GetString());
        Assert.Equal("0.8166666667", Root.GetProperty("final").GetProperty("avg_acc").GetRawText());
        Assert.Equal("0.4666666667", Root.GetProperty("final").GetProperty("wp").GetRawText());
        Assert.Equal("0.4", Root.GetProperty("per_iteration")[3].GetProperty("forg").GetRawText());
        Assert.Equal(JsonValueKind.Null, Root.GetProperty("final").GetProperty("avg_acc_pooled").ValueKind);
        Assert.Equal(JsonValueKind.Null, Root.GetProperty("R")[0][2].ValueKind);
        Assert.Equal(JsonValueKind.Null, Root.GetProperty("R_iterations")[0][2].ValueKind);
        Assert.Equal("2", Root.GetProperty("R_iterations")[0][0].GetRawText());
    }

    [Theory]
    [InlineData(0.30000000000000004, 0.3)]
    [InlineData(-1e-12, 0.0)]
    [InlineData(0.12345678905, 0.1234567891)]
    [InlineData(-0.12345678905, -0.1234567891)]
    public void Round_Value_KeepsTenDecimalsAndNoNegativeZero(double value, double expected)
    {
        var rounded = MetricsReportJson.Round(value);

        Assert.Equal(expected, rounded);
        Assert.False(double.IsNegative(rounded) && rounded == 0);
    }

    private static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
