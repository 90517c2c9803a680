using ContinualDash.Core.Queue;
using ContinualDash.Core.RunLogs;
using ContinualDash.Core.Tracking;

namespace ContinualDash.Worker.Channels;

/// <summary>Bodies of the worker HTTP endpoints (<c>/api/worker/...</c>), shared by the server and <see cref="HttpWorkerChannel"/>.</summary>
public static class WorkerWire
{
    public sealed record WorkerRef(string WorkerId);

    /// <summary>The lease of a job call: the job id is in the path.</summary>
    public sealed record LeaseRef(string WorkerId, int Attempt);

    public sealed record HeartbeatReply(LeaseState State);

    public sealed record WorkerHeartbeatReply(bool Known);

    public sealed record MetricsReport(string WorkerId, int Attempt, long Sequence, IReadOnlyList<MetricPointInput> Points);

    public sealed record MetricsReply(int Stored, bool Duplicate);

    public sealed record BoundaryReport(string WorkerId, int Attempt, int Task, long Iteration);

    public sealed record LogReport(string WorkerId, int Attempt, IReadOnlyList<LogLineInput> Lines);

    public sealed record FinishReport(string WorkerId, int Attempt, JobOutcome Outcome, string? Error);

    public sealed record FinishReply(bool Finished);
}
