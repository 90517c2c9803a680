using System.Text.Json;
using ContinualDash.Core.Tracking;

namespace ContinualDash.Web.Tracking;

/// <summary>
/// Reads a metrics body straight into <see cref="MetricPointInput"/>s with <see cref="Utf8JsonReader"/>: the
/// ingest hot path. General deserialization into request records first cost about as much as storing the
/// points (docs/PERFORMANCE.md "Tracking API"). Errors name the JSON path of the bad field.
/// </summary>
internal static class MetricBatchReader
{
    /// <summary>Reads the points into <paramref name="points"/>; returns the batch key, or the first problem as
    /// (field, message). More points than the limit stop the read early with TooMany set.</summary>
    public static (string? Batch, (string Field, string Message)? Error, bool TooMany) Read(ReadOnlySpan<byte> json, PooledPoints points)
    {
        var reader = new Utf8JsonReader(json);
        string? batch = null;
        var sawPoints = false;
        var field = "body";
        var at = -1;
        string? property = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Fail("body", "must be a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("batch"u8))
                {
                    field = "batch";
                    reader.Read();
                    if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null)) return Fail(field, "must be a string");
                    batch = reader.GetString();
                }
                else if (reader.ValueTextEquals("points"u8))
                {
                    field = "points";
                    sawPoints = true;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray) return Fail(field, "must be a list of points");
                    string? lastName = null;
                    byte[] lastNameUtf8 = [];
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (points.Count == MetricBatchValidator.MaxPoints) return (batch, null, true);
                        at = points.Count;
                        property = null;
                        if (reader.TokenType != JsonTokenType.StartObject) return Fail(Path(), "must be an object");
                        string? name = null;
                        int? task = null;
                        long? iteration = null, time = null;
                        double? value = null;
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            property = reader.ValueTextEquals("name"u8) ? "name"
                                : reader.ValueTextEquals("task"u8) ? "task"
                                : reader.ValueTextEquals("iteration"u8) ? "iteration"
                                : reader.ValueTextEquals("value"u8) ? "value"
                                : reader.ValueTextEquals("time"u8) ? "time"
                                : reader.GetString()!;
                            reader.Read();
                            switch (property)
                            {
                                case "name":
                                    if (reader.TokenType != JsonTokenType.String) return Fail(Path(), "must be a string");
                                    // Batches repeat a few names thousands of times: reuse the previous string,
                                    // compared as UTF-8 so that no comparison transcodes.
                                    if (lastName is null || !reader.ValueTextEquals(lastNameUtf8))
                                    {
                                        lastName = reader.GetString()!;
                                        lastNameUtf8 = System.Text.Encoding.UTF8.GetBytes(lastName);
                                    }
                                    name = lastName;
                                    break;
                                case "task":
                                    if (reader.TokenType == JsonTokenType.Null) break;
                                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var t)) return Fail(Path(), "must be a whole number");
                                    task = t;
                                    break;
                                case "iteration":
                                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var i)) return Fail(Path(), "must be a whole number");
                                    iteration = i;
                                    break;
                                case "value":
                                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var v) || !double.IsFinite(v))
                                        return Fail(Path(), "must be a finite number (not NaN or infinite)");
                                    value = v;
                                    break;
                                case "time":
                                    if (reader.TokenType == JsonTokenType.Null) break;
                                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var ms)) return Fail(Path(), "must be Unix milliseconds");
                                    time = ms;
                                    break;
                                default:
                                    reader.Skip();
                                    break;
                            }
                        }
                        property = null;
                        if (name is null) return Fail($"points[{at}].name", "is required");
                        if (iteration is null) return Fail($"points[{at}].iteration", "is required");
                        if (value is null) return Fail($"points[{at}].value", "is required");
                        points.Add(new MetricPointInput(name, task, iteration.Value, value.Value, time));
                    }
                    at = -1;
                    field = "body";
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (!sawPoints) return Fail("points", "is required (a list of points)");
            return (batch, null, false);
        }
        catch (JsonException)
        {
            return Fail(at < 0 ? field : Path(), "is not valid JSON (numbers must be finite; NaN and Infinity are not JSON)");
        }

        // Built only for an error: a path string per point would cost more than the point.
        string Path() => property is null ? $"points[{at}]" : $"points[{at}].{property}";

        static (string?, (string, string)?, bool) Fail(string f, string message) => (null, (f, message), false);
    }
}
