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
                return b.ValueKind == JsonValueKind.Object && b.TryGetProperty("task", out var bt) && bt.TryGetInt32(out var task)
                    && b.TryGetProperty("iteration", out var bi) && bi.TryGetInt64(out var at)
                    ? new MetricRecord(null, task, at) : null;
            }
            if (!root.TryGetProperty("metric", out var m) || m.ValueKind != JsonValueKind.String) return null;
            if (!root.TryGetProperty("iteration", out var i) || !i.TryGetInt64(out var iteration)) return null;
            if (!root.TryGetProperty("value", out var v) || !v.TryGetDouble(out var value)) return null;
            int? taskIndex = null;
            if (root.TryGetProperty("task", out var t) && t.ValueKind != JsonValueKind.Null)
            {
                if (!t.TryGetInt32(out var ti)) return null;
                taskIndex = ti;
            }
            long? wall = root.TryGetProperty("time", out var w) && w.TryGetInt64(out var ms) ? ms : null;
            return new MetricRecord(new MetricPointInput(m.GetString()!, taskIndex, iteration, value, wall));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
