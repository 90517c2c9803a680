using Microsoft.Extensions.Logging;

namespace ContinualDash.Worker.Loop;

/// <summary>Source-generated log messages of the worker's hot paths.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(1, LogLevel.Information, "Worker {WorkerId} ({Name}) started with {Slots} slot(s), labels '{Labels}'")]
    public static partial void Started(ILogger logger, string workerId, string name, int slots, string labels);

    [LoggerMessage(2, LogLevel.Information, "Job {JobId} (run {RunId}, attempt {Attempt}) claimed")]
    public static partial void Claimed(ILogger logger, long jobId, long runId, int attempt);

    [LoggerMessage(3, LogLevel.Information, "Job {JobId} attempt {Attempt} ended: {Outcome}")]
    public static partial void Finished(ILogger logger, long jobId, int attempt, string outcome);

    [LoggerMessage(4, LogLevel.Warning, "Job {JobId} attempt {Attempt}: lease lost, job stopped")]
    public static partial void LeaseLost(ILogger logger, long jobId, int attempt);

    [LoggerMessage(5, LogLevel.Warning, "Server call '{What}' failed, retrying in {DelayMs} ms: {Reason}")]
    public static partial void Retrying(ILogger logger, string what, double delayMs, string reason);

    [LoggerMessage(6, LogLevel.Warning, "Job {JobId}: the server refused a report ({Field}: {Reason}); it is dropped")]
    public static partial void ReportRefused(ILogger logger, long jobId, string field, string reason);

    [LoggerMessage(7, LogLevel.Information, "Job {JobId} attempt {Attempt}: cancel requested, stopping")]
    public static partial void CancelRequested(ILogger logger, long jobId, int attempt);

    [LoggerMessage(8, LogLevel.Error, "Job {JobId} attempt {Attempt}: the worker failed while running it")]
    public static partial void JobCrashed(ILogger logger, long jobId, int attempt, Exception exception);
}
