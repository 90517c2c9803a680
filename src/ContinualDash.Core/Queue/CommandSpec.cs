using System.Text.Json;

namespace ContinualDash.Core.Queue;

/// <summary>
/// The payload of a command job: the program and its arguments, extra environment variables and the
/// working directory (null: the worker's own).
/// </summary>
public sealed record CommandSpec(IReadOnlyList<string> Argv, IReadOnlyDictionary<string, string>? Env = null, string? WorkingDirectory = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads and checks a payload; throws <see cref="QueueException"/> naming the bad field.</summary>
    public static CommandSpec Parse(string payloadJson)
    {
        CommandSpec? spec;
        try { spec = JsonSerializer.Deserialize<CommandSpec>(payloadJson, Json); }
        catch (JsonException e) { throw new QueueException("payload", $"is not a command spec: {e.Message}"); }
        if (spec?.Argv is not { Count: > 0 } argv || string.IsNullOrWhiteSpace(argv[0]))
            throw new QueueException("payload.argv", "must name the program to run");
        if (argv.Any(a => a is null || a.Contains('\0')))
            throw new QueueException("payload.argv", "must not contain null or NUL characters");
        if (spec.Env?.Keys.FirstOrDefault(k => k.Length == 0 || k.Contains('=') || k.Contains('\0')) is { } bad)
            throw new QueueException("payload.env", $"'{bad}' is not an environment variable name");
        return spec;
    }
}
