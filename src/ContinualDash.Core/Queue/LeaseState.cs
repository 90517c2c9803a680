using System.Text.Json.Serialization;

namespace ContinualDash.Core.Queue;

/// <summary>The answer to a job heartbeat.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LeaseState>))] // names on the wire: "Held", not 0
public enum LeaseState
{
    /// <summary>Keep going.</summary>
    Held,
    /// <summary>Someone cancelled the job: stop it and finish it as cancelled.</summary>
    CancelRequested,
    /// <summary>The lease is gone (expired and reclaimed, or the job ended): stop without reporting.</summary>
    Lost,
}
