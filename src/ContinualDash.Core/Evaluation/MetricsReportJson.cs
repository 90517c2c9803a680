using System.Text;
using System.Text.Json;

namespace ContinualDash.Core.Evaluation;

/// <summary>
/// Writes a <see cref="MetricsReport"/> as the output JSON of METRICS.md S7: exact key names and nesting,
/// every non-integer number rounded to 10 decimals, null where the report has no value. The command and the
/// web API both write through here so that they agree number for number.
/// </summary>
public static class MetricsReportJson
{
    /// <summary>Number of decimals kept in the output (S7).</summary>
    public const int Decimals = 10;

    /// <summary>The report as an indented JSON string.</summary>
    public static string ToJson(MetricsReport report) => Encoding.UTF8.GetString(ToUtf8Bytes(report));

    /// <summary>The report as indented UTF-8 JSON.</summary>
    public static byte[] ToUtf8Bytes(MetricsReport report)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            Write(writer, report);
        return buffer.ToArray();
    }

    /// <summary>Writes the report object to <paramref name="w"/>.</summary>
    public static void Write(Utf8JsonWriter w, MetricsReport report)
    {
        w.WriteStartObject();
        w.WriteNumber("schema_version", MetricsReport.SchemaVersion);
        w.WriteString("units", MetricsReport.Units);
        w.WriteNumber("num_tasks", report.NumTasks);
        w.WriteStartArray("task_boundaries");
        foreach (var b in report.TaskBoundaries) w.WriteNumberValue(b);
        w.WriteEndArray();
        w.WriteNumber("window", report.Window);
        WriteFinal(w, report.Final);
        WriteArray(w, "boundary_metrics", report.BoundaryMetrics, WriteBoundary);
        WriteArray(w, "R", report.R, (w, row) => WriteArray(w, null, row, Number));
        WriteArray(w, "R_iterations", report.RIterations, (w, row) => WriteArray(w, null, row, Integer));
        WriteArray(w, "per_task", report.PerTask, WriteTask);
        WriteArray(w, "per_iteration", report.PerIteration, WriteIteration);
        WriteArray(w, "stability_gap", report.StabilityGap, WriteGap);
        WriteArray(w, "warnings", report.Warnings, (w, s) => w.WriteStringValue(s));
        w.WriteEndObject();
    }

    /// <summary>Rounds to <see cref="Decimals"/> decimals; -0 becomes 0 so that BWT = -FORG never prints "-0".</summary>
    public static double Round(double value)
    {
        var rounded = Math.Round(value, Decimals, MidpointRounding.AwayFromZero);
        return rounded == 0 ? 0 : rounded;
    }

    private static void WriteFinal(Utf8JsonWriter w, FinalMetrics f)
    {
        w.WriteStartObject("final");
        Number(w, "avg_acc", f.AvgAcc);
        Number(w, "avg_acc_pooled", f.AvgAccPooled);
        Number(w, "avg_forg", f.AvgForg);
        Number(w, "avg_forg_max", f.AvgForgMax);
        Number(w, "bwt", f.Bwt);
        Number(w, "fwt", f.Fwt);
        w.WriteNumber("fwt_terms", f.FwtTerms);
        Number(w, "min_acc", f.MinAcc);
        Number(w, "wc_acc", f.WcAcc);
        Number(w, "wf", f.Wf);
        Number(w, "wp", f.Wp);
        Number(w, "wp_code_replica", f.WpCodeReplica);
        Number(w, "intransigence", f.Intransigence);
        w.WriteEndObject();
    }

    private static void WriteBoundary(Utf8JsonWriter w, BoundaryMetrics b)
    {
        w.WriteStartObject();
        w.WriteNumber("task", b.Task);
        w.WriteNumber("iteration", b.Iteration);
        Number(w, "avg_acc", b.AvgAcc);
        Number(w, "avg_forg", b.AvgForg);
        Number(w, "avg_forg_max", b.AvgForgMax);
        Number(w, "bwt", b.Bwt);
        Number(w, "min_acc", b.MinAcc);
        w.WriteNumber("min_acc_tasks", b.MinAccTasks);
        Number(w, "wc_acc", b.WcAcc);
        w.WriteEndObject();
    }

    private static void WriteTask(Utf8JsonWriter w, TaskMetrics t)
    {
        w.WriteStartObject();
        w.WriteNumber("task", t.Task);
        w.WriteNumber("n_evals_seen", t.NEvalsSeen);
        Number(w, "min_acc", t.MinAcc);
        Integer(w, "min_acc_iteration", t.MinAccIteration);
        Number(w, "forg", t.Forg);
        Number(w, "forg_max", t.ForgMax);
        Number(w, "bwt", t.Bwt);
        Number(w, "fwt", t.Fwt);
        Number(w, "wf", t.Wf);
        Number(w, "wp", t.Wp);
        Number(w, "wp_code_replica", t.WpCodeReplica);
        Number(w, "intransigence", t.Intransigence);
        w.WriteEndObject();
    }

    private static void WriteIteration(Utf8JsonWriter w, IterationMetrics r)
    {
        w.WriteStartObject();
        w.WriteNumber("iteration", r.Iteration);
        w.WriteNumber("current_task", r.CurrentTask);
        Number(w, "avg_acc_seen", r.AvgAccSeen);
        Number(w, "forg", r.Forg);
        Number(w, "bwt", r.Bwt);
        Number(w, "min_acc", r.MinAcc);
        w.WriteNumber("min_acc_tasks", r.MinAccTasks);
        Number(w, "wc_acc", r.WcAcc);
        Number(w, "wf", r.Wf);
        Number(w, "wp", r.Wp);
        w.WriteEndObject();
    }

    private static void WriteGap(Utf8JsonWriter w, StabilityGap g)
    {
        w.WriteStartObject();
        w.WriteNumber("task", g.Task);
        w.WriteNumber("during_task", g.DuringTask);
        Number(w, "acc_at_prev_boundary", g.AccAtPrevBoundary);
        Number(w, "min_acc", g.MinAcc);
        Integer(w, "min_iteration", g.MinIteration);
        Number(w, "depth", g.Depth);
        Number(w, "acc_at_boundary", g.AccAtBoundary);
        Number(w, "recovered", g.Recovered);
        Integer(w, "recovery_iteration", g.RecoveryIteration);
        w.WriteEndObject();
    }

    private static void WriteArray<T>(Utf8JsonWriter w, string? name, IEnumerable<T> items, Action<Utf8JsonWriter, T> item)
    {
        if (name is null) w.WriteStartArray();
        else w.WriteStartArray(name);
        foreach (var x in items) item(w, x);
        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, double? value) => Number(w, null, value);

    private static void Number(Utf8JsonWriter w, string? name, double? value)
    {
        if (name is not null) w.WritePropertyName(name);
        if (value is { } v) w.WriteNumberValue(Round(v));
        else w.WriteNullValue();
    }

    private static void Integer(Utf8JsonWriter w, int? value) => Integer(w, null, value);

    private static void Integer(Utf8JsonWriter w, string? name, int? value)
    {
        if (name is not null) w.WritePropertyName(name);
        if (value is { } v) w.WriteNumberValue(v);
        else w.WriteNullValue();
    }
}
