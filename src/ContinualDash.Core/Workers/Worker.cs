namespace ContinualDash.Core.Workers;

/// <summary>A worker process (or the web app's in-process slots) that claims jobs; alive while it heartbeats.</summary>
public sealed class Worker
{
    /// <summary>Unique per worker process, chosen by the worker (host name plus a random suffix).</summary>
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Labels this worker offers, space-separated.</summary>
    public string Labels { get; set; } = "";
    public int Slots { get; set; }
    /// <summary>True for the slots hosted inside the web app.</summary>
    public bool InProcess { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime HeartbeatAt { get; set; }
}
