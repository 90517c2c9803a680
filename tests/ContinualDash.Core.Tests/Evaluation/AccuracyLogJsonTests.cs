using ContinualDash.Core.Evaluation;

namespace ContinualDash.Core.Tests.Evaluation;

public sealed class AccuracyLogJsonTests
{
    [Fact]
    public void Parse_MapAndListForms_GiveTheSameSettings()
    {
        var map = AccuracyLogJson.Parse("""
            {"task_boundaries": [1, 3], "evals": [{"iteration": 0, "task": 0, "accuracy": 0.5}],
             "random_init_accuracy": {"1": 0.25}, "eval_set_sizes": [10, 20], "reference_accuracy": null, "run": "x"}
            """);
        var list = AccuracyLogJson.Parse("""
            {"task_boundaries": [1, 3], "evals": [{"iteration": 0, "task": 0, "accuracy": 0.5}],
             "random_init_accuracy": [null, 0.25], "eval_set_sizes": {"0": 10, "1": 20}}
            """);

        Assert.Equal([null, 0.25], map.Settings.RandomInitAccuracy!);
        Assert.Equal(map.Settings.RandomInitAccuracy!, list.Settings.RandomInitAccuracy!);
        Assert.Equal(map.Settings.EvalSetSizes!, list.Settings.EvalSetSizes!);
        Assert.Null(map.Settings.ReferenceAccuracy);
        Assert.Equal(MetricsSettings.DefaultWindow, map.Settings.Window);
        Assert.Equal([1, 3], map.TaskBoundaries);
        Assert.Equal(new TaskAccuracy(0, 0, 0.5), Assert.Single(map.Evaluations));
    }

    [Theory]
    [InlineData("""{"task_boundaries": [1], "evals": [{"iteration": 0, "task": 0, "accuracy": NaN}]}""",
        "malformed JSON at line 1, byte 76: NaN is not a number in JSON (accuracies must be finite)")]
    [InlineData("{\"task_boundaries\": [1],\n \"evals\": [{\"iteration\": 0, \"task\": 0, \"accuracy\": -Infinity}]}",
        "malformed JSON at line 2, byte 53: -Infinity is not a number in JSON (accuracies must be finite)")]
    [InlineData("""{"task_boundaries": [1], "evals": [""", "malformed JSON at line 1, byte 36: Expected depth to be zero at the end of the JSON payload")]
    [InlineData("""[1, 2]""", "the input must be a JSON object, not array")]
    [InlineData("""{"evals": []}""", "task_boundaries is missing")]
    [InlineData("""{"task_boundaries": [1.5], "evals": []}""", "task_boundaries[0] must be an integer, not number 1.5")]
    [InlineData("""{"task_boundaries": [1], "evals": {}}""", "evals must be a list, not object")]
    [InlineData("""{"task_boundaries": [1], "evals": [{"iteration": 0, "task": 0}]}""", "evals[0].accuracy is missing")]
    [InlineData("""{"task_boundaries": [1], "evals": [{"iteration": 0, "task": 0, "accuracy": "0.5"}]}""", "evals[0].accuracy must be a number, not string \"0.5\"")]
    [InlineData("""{"task_boundaries": [1], "evals": [3]}""", "evals[0] must be an object, not number")]
    [InlineData("""{"task_boundaries": [1], "evals": [], "random_init_accuracy": {"1": 0.5}}""", "random_init_accuracy key \"1\" is not a task index (0..0)")]
    [InlineData("""{"task_boundaries": [1], "evals": [], "window": "ten"}""", "window must be an integer, not string \"ten\"")]
    public void Parse_InvalidInput_ThrowsWithOneLineReason(string json, string message)
    {
        var e = Assert.Throws<MetricsInputException>(() => AccuracyLogJson.Parse(json));

        Assert.Equal(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
