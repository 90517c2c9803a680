using System.Globalization;
using System.Text.Json;
using ContinualDash.Training.Experiments;

namespace ContinualDash.Training.Evaluation;

/// <summary>
/// Writes a recorded run as the accuracy log of METRICS.md S7 (<c>task_boundaries</c>, <c>evals</c>,
/// <c>eval_set_sizes</c>), so that <c>continualdash metrics</c> can analyse it, plus clearly named extra
/// top-level keys the metrics reader does not need: <c>spec</c>, <c>eval_losses</c>,
/// <c>training_steps</c> and <c>boundary_test_evals</c> (full test sets at each boundary).
/// </summary>
public static class JsonLogWriter
{
    /// <summary>Writes the log of <paramref name="run"/> to <paramref name="stream"/> (UTF-8, indented).</summary>
    public static void Write(InMemoryMetricSink run, ExperimentSpec spec, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteStartArray("task_boundaries");
        foreach (var b in run.TaskBoundaries) w.WriteNumberValue(b);
        w.WriteEndArray();

        var subset = run.Evaluations.Where(e => !e.FullTestSet).ToList();
        WriteRows(w, "evals", subset, (w, e) =>
        {
            w.WriteNumber("iteration", e.Iteration);
            w.WriteNumber("task", e.Task);
            w.WriteNumber("accuracy", e.Accuracy);
        });

        w.WriteStartObject("eval_set_sizes");
        foreach (var (task, samples) in subset.GroupBy(e => e.Task).Select(g => (g.Key, g.First().Samples)).OrderBy(p => p.Key))
            w.WriteNumber(task.ToString(CultureInfo.InvariantCulture), samples);
        w.WriteEndObject();

        w.WritePropertyName("spec");
        JsonSerializer.Serialize(w, spec, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });

        WriteRows(w, "eval_losses", subset, (w, e) =>
        {
            w.WriteNumber("iteration", e.Iteration);
            w.WriteNumber("task", e.Task);
            w.WriteNumber("loss", e.Loss);
        });
        WriteRows(w, "training_steps", run.Steps, (w, s) =>
        {
            w.WriteNumber("iteration", s.Iteration);
            w.WriteNumber("task", s.Task);
            w.WriteNumber("loss", s.Loss);
            w.WriteNumber("learning_rate", s.LearningRate);
        });
        WriteRows(w, "boundary_test_evals", run.Evaluations.Where(e => e.FullTestSet), (w, e) =>
        {
            w.WriteNumber("iteration", e.Iteration);
            w.WriteNumber("task", e.Task);
            w.WriteNumber("accuracy", e.Accuracy);
            w.WriteNumber("loss", e.Loss);
            w.WriteNumber("samples", e.Samples);
        });
        w.WriteEndObject();
    }

    private static void WriteRows<T>(Utf8JsonWriter w, string name, IEnumerable<T> rows, Action<Utf8JsonWriter, T> writeFields)
    {
        w.WriteStartArray(name);
        foreach (var row in rows)
        {
            w.WriteStartObject();
            writeFields(w, row);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
