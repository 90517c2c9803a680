using System.Text.Json;
using ContinualDash.Core.Tracking;

namespace ContinualDash.Worker.Commands;

/// <summary>
/// Recognises the JSON records a command may print on stdout, one per line:
/// <c>{"metric":"accuracy","task":0,"iteration":12,"value":0.91}</c> (task optional, <c>time</c> in Unix ms
/// optional) and <c>{"boundary":{"task":0,"iteration":469}}</c>. Any other line is only log.
/// </summary>
internal static class MetricLineParser
{
    public static MetricRecord? TryParse(string line)
    {
        var trimmed = line.AsSpan().Trim();
        if (trimmed.Length < 2 || trimmed[0] != '{' || trimmed[^1] != '}') return null;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.TryGetProperty("boundary", out var b))
            {
                return b.ValueKind == JsonValueKind.Object && Int(b, "task") is { } task && Long(b, "iteration") is { } at
                    ? new MetricRecord(null, (int)task, at) : null;
            }
            if (!root.TryGetProperty("metric", out var m) || m.ValueKind != JsonValueKind.String) return null;
            if (Long(root, "iteration") is not { } iteration) return null;
            if (!root.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var value)) return null;
            int? taskIndex = null;
            if (root.TryGetProperty("task", out var t) && t.ValueKind != JsonValueKind.Null)
            {
                if (Int(root, "task") is not { } ti) return null;
                taskIndex = ti;
            }
            return new MetricRecord(new MetricPointInput(m.GetString()!, taskIndex, iteration, value, Long(root, "time")));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static long? Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt64(out var v) ? v : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var v) ? v : null;
}
