using System.Text.Json;
using ContinualDash.Core.Data;
using ContinualDash.Core.Evaluation;
using ContinualDash.Core.Points;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tracking;

/// <summary>
/// Writes a run's stored data as the accuracy log of METRICS.md S7: the boundaries b_k, every point of the
/// per-task <c>accuracy</c> series, the window, and <c>random_init_accuracy</c>, <c>eval_set_sizes</c> and
/// <c>reference_accuracy</c> copied from the run's configuration when present. The API computes metrics by
/// parsing this with <see cref="AccuracyLogJson"/>, so they equal <c>continualdash metrics</c> on the same file.
/// </summary>
public static class RunAccuracyLog
{
    /// <summary>The series whose per-task points are the evaluations A_k(t).</summary>
    public const string AccuracySeries = RunEvaluations.AccuracySeries;

    private static readonly string[] SideData = ["random_init_accuracy", "eval_set_sizes", "reference_accuracy"];

    /// <summary>The log as UTF-8 JSON, or null for an unknown run.</summary>
    /// <param name="db">The database.</param>
    /// <param name="runId">The run.</param>
    /// <param name="window">WF/WP window; null takes <c>window</c> from the configuration, else the default.</param>
    /// <param name="ct">Cancels the reads.</param>
    public static async Task<byte[]?> WriteAsync(DashDbContext db, long runId, int? window, CancellationToken ct)
    {
        var configJson = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => r.ConfigJson).FirstOrDefaultAsync(ct);
        if (configJson is null) return null;
        using var config = JsonDocument.Parse(configJson);
        var boundaries = await db.TaskPhases.AsNoTracking().Where(p => p.RunId == runId && p.BoundaryIteration != null)
            .OrderBy(p => p.TaskIndex).Select(p => p.BoundaryIteration!.Value).ToListAsync(ct);
        var (evals, _) = await RunEvaluations.ReadAsync(db, runId, 0, ct);

        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("task_boundaries");
            foreach (var b in boundaries) json.WriteNumberValue(b);
            json.WriteEndArray();
            if (window is { } w) json.WriteNumber("window", w);
            else if (config.RootElement.TryGetProperty("window", out var configured)) configured.WriteTo(JsonProperty(json, "window"));
            foreach (var name in SideData)
                if (config.RootElement.TryGetProperty(name, out var value)) value.WriteTo(JsonProperty(json, name));
            json.WriteStartArray("evals");
            foreach (var e in evals)
            {
                json.WriteStartObject();
                json.WriteNumber("iteration", e.Iteration);
                json.WriteNumber("task", e.Task);
                json.WriteNumber("accuracy", e.Accuracy);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static Utf8JsonWriter JsonProperty(Utf8JsonWriter json, string name)
    {
        json.WritePropertyName(name);
        return json;
    }
}
