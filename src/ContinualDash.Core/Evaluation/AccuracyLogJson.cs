using System.Text;
using System.Text.Json;

namespace ContinualDash.Core.Evaluation;

/// <summary>
/// Reads the input JSON of METRICS.md S7 into an <see cref="AccuracyLog"/>: <c>task_boundaries</c>,
/// <c>evals</c> [{<c>iteration</c>, <c>task</c>, <c>accuracy</c>}], optional <c>window</c> (default 10) and
/// the optional per-task <c>random_init_accuracy</c>, <c>eval_set_sizes</c>, <c>reference_accuracy</c>
/// (an object keyed by the task index as a string, or a list indexed by task; null entries mean "not given").
/// Unknown top-level keys are ignored so that trainers can add their own metadata.
/// </summary>
public static class AccuracyLogJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    /// <summary>Parses UTF-8 JSON. Structure and types are checked here; values by <see cref="ContinualMetrics.Compute"/>.</summary>
    /// <exception cref="MetricsInputException">Malformed JSON (NaN and Infinity included), a missing key or a wrong type.</exception>
    public static AccuracyLog Parse(ReadOnlyMemory<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException e)
        {
            throw new MetricsInputException(MalformedReason(utf8.Span, e));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new MetricsInputException($"the input must be a JSON object, not {Kind(root)}");
            var boundaries = ReadBoundaries(Required(root, "task_boundaries"));
            var numTasks = boundaries.Length;
            var evals = ReadEvals(Required(root, "evals"));
            return new AccuracyLog(boundaries, evals, ReadSettings(root, numTasks));
        }
    }

    /// <summary>
    /// The optional settings of an S7 object (a log, or a run's configuration, which carries the same keys):
    /// <c>window</c>, <c>random_init_accuracy</c>, <c>eval_set_sizes</c>, <c>reference_accuracy</c>.
    /// </summary>
    /// <exception cref="MetricsInputException">A wrong type, or a task key outside 0..numTasks-1.</exception>
    public static MetricsSettings ReadSettings(JsonElement root, int numTasks)
    {
        var window = root.TryGetProperty("window", out var w) && w.ValueKind != JsonValueKind.Null
            ? Int(w, "window")
            : MetricsSettings.DefaultWindow;
        return new MetricsSettings(
            window,
            TaskValues(root, "random_init_accuracy", numTasks),
            TaskValues(root, "eval_set_sizes", numTasks),
            TaskValues(root, "reference_accuracy", numTasks));
    }

    /// <summary>
    /// How many tasks the per-task settings of <paramref name="root"/> name at least: a list's length, or one
    /// more than the largest task key. A live run that declared no tasks has at least that many.
    /// </summary>
    public static int SettingsTaskCount(JsonElement root)
    {
        var count = 0;
        foreach (var name in (string[])["random_init_accuracy", "eval_set_sizes", "reference_accuracy"])
        {
            if (!root.TryGetProperty(name, out var element)) continue;
            if (element.ValueKind == JsonValueKind.Array) count = Math.Max(count, element.GetArrayLength());
            else if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (int.TryParse(property.Name, out var task) && task >= 0 && task < 100_000) count = Math.Max(count, task + 1);
                }
            }
        }
        return count;
    }

    /// <summary>Parses a JSON string.</summary>
    public static AccuracyLog Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    private static int[] ReadBoundaries(JsonElement element)
    {
        var array = Array(element, "task_boundaries");
        var boundaries = new int[array.GetArrayLength()];
        var k = 0;
        foreach (var b in array.EnumerateArray())
        {
            boundaries[k] = Int(b, $"task_boundaries[{k}]");
            k++;
        }
        return boundaries;
    }

    private static TaskAccuracy[] ReadEvals(JsonElement element)
    {
        var array = Array(element, "evals");
        var evals = new TaskAccuracy[array.GetArrayLength()];
        var j = 0;
        foreach (var e in array.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object)
                throw new MetricsInputException($"evals[{j}] must be an object, not {Kind(e)}");
            evals[j] = new TaskAccuracy(
                Int(Required(e, "iteration", $"evals[{j}]"), $"evals[{j}].iteration"),
                Int(Required(e, "task", $"evals[{j}]"), $"evals[{j}].task"),
                Double(Required(e, "accuracy", $"evals[{j}]"), $"evals[{j}].accuracy"));
            j++;
        }
        return evals;
    }

    private static double?[]? TaskValues(JsonElement root, string name, int numTasks)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return null;
        if (element.ValueKind == JsonValueKind.Array)
        {
            var list = new double?[element.GetArrayLength()];
            var i = 0;
            foreach (var v in element.EnumerateArray())
            {
                list[i] = v.ValueKind == JsonValueKind.Null ? null : Double(v, $"{name}[{i}]");
                i++;
            }
            return list;
        }
        if (element.ValueKind != JsonValueKind.Object)
            throw new MetricsInputException($"{name} must be an object keyed by task index or a list, not {Kind(element)}");
        var values = new double?[numTasks];
        foreach (var property in element.EnumerateObject())
        {
            if (!int.TryParse(property.Name, out var task) || task < 0 || task >= numTasks || task.ToString() != property.Name)
                throw new MetricsInputException($"{name} key \"{property.Name}\" is not a task index (0..{numTasks - 1})");
            values[task] = property.Value.ValueKind == JsonValueKind.Null ? null : Double(property.Value, $"{name}[\"{property.Name}\"]");
        }
        return values;
    }

    private static JsonElement Required(JsonElement obj, string name, string? owner = null)
    {
        if (obj.TryGetProperty(name, out var value)) return value;
        throw new MetricsInputException(owner is null ? $"{name} is missing" : $"{owner}.{name} is missing");
    }

    private static JsonElement Array(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.Array
            ? element
            : throw new MetricsInputException($"{field} must be a list, not {Kind(element)}");

    private static int Int(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value)
            ? value
            : throw new MetricsInputException($"{field} must be an integer, not {Describe(element)}");

    private static double Double(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.Number
            ? element.GetDouble()
            : throw new MetricsInputException($"{field} must be a number, not {Describe(element)}");

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    private static string Describe(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length <= 20 ? $"{Kind(element)} {text}" : Kind(element);
    }

    /// <summary>
    /// JSON has no NaN or Infinity, but Python's json module writes them bare; name them rather than
    /// reporting an unexpected character.
    /// </summary>
    private static string MalformedReason(ReadOnlySpan<byte> utf8, JsonException e)
    {
        var line = (e.LineNumber ?? 0) + 1;
        var where = $"malformed JSON at line {line}, byte {(e.BytePositionInLine ?? 0) + 1}";
        var lineStart = 0;
        for (var l = 1; l < line && lineStart < utf8.Length; l++)
        {
            var next = utf8[lineStart..].IndexOf((byte)'\n');
            lineStart = next < 0 ? utf8.Length : lineStart + next + 1;
        }
        var position = lineStart + (int)(e.BytePositionInLine ?? 0);
        var rest = position < utf8.Length ? utf8[position..] : [];
        foreach (var literal in new[] { "NaN", "Infinity" })
        {
            if (!rest.StartsWith(Encoding.ASCII.GetBytes(literal))) continue;
            var sign = position > 0 && utf8[position - 1] == (byte)'-' ? "-" : "";
            return $"{where}: {sign}{literal} is not a number in JSON (accuracies must be finite)";
        }
        var message = e.Message.Split(". ")[0].TrimEnd('.');
        return $"{where}: {message}";
    }
}
