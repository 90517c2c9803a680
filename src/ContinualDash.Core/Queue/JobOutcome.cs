using System.Text.Json.Serialization;

namespace ContinualDash.Core.Queue;

/// <summary>How a worker ended an attempt.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobOutcome>))] // names on the wire: "Held", not 0
public enum JobOutcome
{
    Succeeded,
    /// <summary>Retried while attempts are left, otherwise final.</summary>
    Failed,
    /// <summary>Acknowledges a cancel request.</summary>
    Cancelled,
}
