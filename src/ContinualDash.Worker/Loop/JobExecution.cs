using System.Globalization;
using ContinualDash.Core.Queue;
using ContinualDash.Core.RunLogs;
using ContinualDash.Core.Tracking;
using ContinualDash.Core.Workers;
using ContinualDash.Worker.Builtin;
using ContinualDash.Worker.Channels;
using ContinualDash.Worker.Commands;
using ContinualDash.Worker.Reporting;
using Microsoft.Extensions.Logging;

namespace ContinualDash.Worker.Loop;

/// <summary>
/// One attempt of one job on one slot: heartbeats the lease, runs the job, streams its log and metrics in
/// batches, and reports how it ended. A cancel seen on a heartbeat kills the job and ends it Cancelled; a
/// lost lease kills it and reports nothing more, because the job now belongs to another attempt.
/// </summary>
internal sealed class JobExecution(IWorkerChannel channel, WorkerOptions options, JobAssignment job, ILogger logger, TimeProvider time)
{
    /// <summary>Lines of the log quoted in the error of a failed job.</summary>
    public const int ErrorTailLines = 20;

    private readonly JobLease lease = new(job.JobId, options.Id, job.Attempt);
    private readonly Queue<string> tail = new();
    private long logSequence = -1;
    private volatile bool cancelRequested;
    private volatile bool leaseLost;

    public async Task RunAsync(CancellationToken workerStop)
    {
        using var stopJob = CancellationTokenSource.CreateLinkedTokenSource(workerStop);
        using var stopHeartbeat = CancellationTokenSource.CreateLinkedTokenSource(workerStop);
        var heartbeat = HeartbeatAsync(stopJob, stopHeartbeat.Token);
        var metrics = new BatchingReporter<MetricPointInput>((b, s, ct) => GuardAsync(() => channel.ReportMetricsAsync(lease, s, b, ct)),
            options.MaxBatchPoints, options.ReportInterval, options.MaxBatchPoints * 4, time, workerStop);
        var log = new BatchingReporter<LogLineInput>((b, _, ct) => GuardAsync(() => channel.AppendLogAsync(lease, b, ct)),
            1_000, options.ReportInterval, 10_000, time, workerStop);

        (JobOutcome Outcome, string? Error) result;
        try
        {
            result = await ExecuteAsync(metrics, log, stopJob.Token, workerStop);
            await metrics.CompleteAsync();
            await log.CompleteAsync();
        }
        finally
        {
            await stopHeartbeat.CancelAsync();
            try { await heartbeat; } catch (OperationCanceledException) { }
        }
        if (workerStop.IsCancellationRequested) return;
        if (leaseLost)
        {
            WorkerLog.LeaseLost(logger, job.JobId, job.Attempt);
            return;
        }
        if (cancelRequested) result = (JobOutcome.Cancelled, "cancelled");
        await GuardAsync(() => channel.FinishAsync(lease, result.Outcome, result.Error, workerStop));
        WorkerLog.Finished(logger, job.JobId, job.Attempt, result.Outcome.ToString());
    }

    private async Task<(JobOutcome, string?)> ExecuteAsync(
        BatchingReporter<MetricPointInput> metrics, BatchingReporter<LogLineInput> log, CancellationToken stopJob, CancellationToken workerStop)
    {
        async ValueTask ReportAsync(MetricRecord record)
        {
            if (record.Point is { } point) await metrics.AddAsync(point, workerStop);
            // After the points before it: the server stores the run's final metrics at each boundary.
            else await metrics.AddBarrierAsync(ct => GuardAsync(() => channel.ReportBoundaryAsync(lease, record.BoundaryTask, record.BoundaryIteration, ct)), workerStop);
        }

        if (job.Kind == JobKind.Builtin)
        {
            return await BuiltinJobRunner.RunAsync(job.PayloadJson, options.DataDirectory,
                $"trainer job {job.JobId} attempt {job.Attempt}", ReportAsync, line => LogAsync(log, "stderr", line, workerStop), time, stopJob);
        }
        if (job.Kind != JobKind.Command)
            return (JobOutcome.Failed, $"this worker cannot run '{job.Kind}' jobs");
        CommandSpec spec;
        try { spec = CommandSpec.Parse(job.PayloadJson); }
        catch (QueueException e) { return (JobOutcome.Failed, $"{e.Field}: {e.Message}"); }

        var env = new Dictionary<string, string>
        {
            ["CONTINUALDASH_RUN_ID"] = job.RunId.ToString(CultureInfo.InvariantCulture),
            ["CONTINUALDASH_JOB_ID"] = job.JobId.ToString(CultureInfo.InvariantCulture),
            ["CONTINUALDASH_ATTEMPT"] = job.Attempt.ToString(CultureInfo.InvariantCulture),
        };
        if (options.ServerUrl is { } url) env["CONTINUALDASH_URL"] = url;
        if (job.RunToken is { } token) env["CONTINUALDASH_TOKEN"] = token;

        var outcome = await CommandRunner.RunAsync(spec, env, async (stream, line) =>
        {
            await LogAsync(log, stream, line, workerStop);
            if (stream == "stdout" && MetricLineParser.TryParse(line) is { } record) await ReportAsync(record);
        }, stopJob);

        if (outcome.StartError is { } startError) return (JobOutcome.Failed, startError);
        if (outcome.ExitCode == 0) return (JobOutcome.Succeeded, null);
        string lastLines;
        lock (tail) lastLines = string.Join('\n', tail);
        return (JobOutcome.Failed, $"exit code {outcome.ExitCode}" + (lastLines.Length > 0 ? $"; last lines:\n{lastLines}" : ""));
    }

    private async ValueTask LogAsync(BatchingReporter<LogLineInput> log, string stream, string line, CancellationToken ct)
    {
        lock (tail)
        {
            tail.Enqueue(line);
            if (tail.Count > ErrorTailLines) tail.Dequeue();
        }
        await log.AddAsync(new LogLineInput(Interlocked.Increment(ref logSequence), stream, line), ct);
    }

    private async Task HeartbeatAsync(CancellationTokenSource stopJob, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(options.HeartbeatInterval, time, ct);
            var state = await channel.HeartbeatJobAsync(lease, ct);
            if (state == LeaseState.Held) continue;
            if (state == LeaseState.CancelRequested)
            {
                WorkerLog.CancelRequested(logger, job.JobId, job.Attempt);
                cancelRequested = true;
            }
            else
            {
                leaseLost = true;
            }
            await stopJob.CancelAsync();
            return;
        }
    }

    /// <summary>Runs a report; a refused report is logged and dropped, a lost lease stops the job.</summary>
    private async Task GuardAsync(Func<Task> report)
    {
        if (leaseLost) return;
        try
        {
            await report();
        }
        catch (TrackingException e)
        {
            WorkerLog.ReportRefused(logger, job.JobId, e.Field, e.Message);
        }
        catch (JobLeaseLostException)
        {
            leaseLost = true;
        }
    }
}
