using System.Text.Json;

namespace ContinualDash.Core.Queue;

/// <summary>
/// The payload of a builtin job: the trainer's experiment spec as a JSON object. Core does not know the
/// trainer, so the queue only checks the shape; the launcher validates the spec's fields before enqueueing,
/// and the worker validates them again before training.
/// </summary>
public static class BuiltinPayload
{
    /// <summary>Throws <see cref="QueueException"/> naming <c>payload</c> unless the payload is a JSON object.</summary>
    public static void Check(string payloadJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(payloadJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new QueueException("payload", "must be an experiment spec (a JSON object)");
        }
        catch (JsonException e)
        {
            throw new QueueException("payload", $"is not an experiment spec: {e.Message}");
        }
    }
}
