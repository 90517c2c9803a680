namespace ContinualDash.Worker.Loop;

/// <summary>Who a worker is and how it paces itself.</summary>
public sealed record WorkerOptions
{
    /// <summary>Unique per worker process.</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<string> Labels { get; init; } = [];
    /// <summary>Jobs run at once.</summary>
    public int Slots { get; init; } = 1;
    public bool InProcess { get; init; }
    /// <summary>Passed to commands as <c>CONTINUALDASH_URL</c>, so scripts can reach the tracking API.</summary>
    public string? ServerUrl { get; init; }
    /// <summary>Job heartbeat period. A cancel is seen at the next heartbeat, so this bounds how long a
    /// cancelled job keeps running; it must stay well under the server's invisibility timeout.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Wait between claims while the queue is empty; bounds the enqueue-to-start latency.</summary>
    public TimeSpan IdlePollInterval { get; init; } = TimeSpan.FromMilliseconds(250);
    /// <summary>A metric batch is sent at the latest this long after its first point.</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>A metric batch is sent at the latest when it holds this many points.</summary>
    public int MaxBatchPoints { get; init; } = 5_000;

    /// <summary>Where builtin jobs read their MNIST-format IDX files (configuration <c>Training:DataDirectory</c>);
    /// it overrides the spec's own, because only the worker knows its file system.</summary>
    public string DataDirectory { get; init; } = Training.Data.ImageDatasetFiles.DefaultDirectory;

    /// <summary>A fresh id: the host name plus a random suffix.</summary>
    public static string NewId(string prefix) =>
        $"{prefix}-{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
}
