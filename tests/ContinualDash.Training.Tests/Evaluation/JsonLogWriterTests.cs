using System.Text.Json;
using ContinualDash.Training.Evaluation;
using ContinualDash.Training.Experiments;

namespace ContinualDash.Training.Tests.Evaluation;

public sealed class JsonLogWriterTests
{
    [Fact]
    public void Write_RecordedRun_HasMetricsInputAndSeparateExtras()
    {
        var sink = new InMemoryMetricSink();
        sink.OnEvaluation(new EvaluationResult(0, 0, 0.1, 2.3, 100, false));
        sink.OnTrainingStep(new TrainingStepResult(1, 0, 0.7, 0.01));
        sink.OnEvaluation(new EvaluationResult(1, 0, 0.9, 0.3, 100, false));
        sink.OnTaskBoundary(0, 1);
        sink.OnEvaluation(new EvaluationResult(1, 0, 0.85, 0.4, 2000, true));
        using var stream = new MemoryStream();

        JsonLogWriter.Write(sink, new ExperimentSpec { Strategy = "er" }, stream);

        using var doc = JsonDocument.Parse(stream.ToArray());
        var root = doc.RootElement;
        Assert.Equal([1], root.GetProperty("task_boundaries").EnumerateArray().Select(e => e.GetInt32()));
        var evals = root.GetProperty("evals").EnumerateArray().ToList();
        Assert.Equal(2, evals.Count);
        Assert.Equal(["iteration", "task", "accuracy"], evals[1].EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.9, evals[1].GetProperty("accuracy").GetDouble());
        Assert.Equal(100, root.GetProperty("eval_set_sizes").GetProperty("0").GetInt32());
        Assert.Equal("er", root.GetProperty("spec").GetProperty("strategy").GetString());
        Assert.Equal(0.01, root.GetProperty("training_steps")[0].GetProperty("learning_rate").GetDouble());
        Assert.Equal(0.3, root.GetProperty("eval_losses")[1].GetProperty("loss").GetDouble());
        Assert.Equal(0.85, root.GetProperty("boundary_test_evals")[0].GetProperty("accuracy").GetDouble());
    }

    [Fact]
    public void OnTaskBoundary_OutOfOrder_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new InMemoryMetricSink().OnTaskBoundary(1, 5));
    }
}
