using ContinualDash.Core.Queue;
using ContinualDash.Core.Workers;
using ContinualDash.Worker.Channels;
using Microsoft.Extensions.Logging;

namespace ContinualDash.Worker.Loop;

/// <summary>
/// The worker: registers, heartbeats, and runs one claim loop per slot until stopped. The same loop serves
/// the web app's in-process slots and a remote <c>continualdash worker</c>; only the channel differs.
/// A job still running when the worker stops is left to the server's invisibility timeout, which retries it.
/// </summary>
public sealed class WorkerLoop
{
    private readonly IWorkerChannel channel;
    private readonly WorkerOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly WorkerRegistration registration;

    public WorkerLoop(IWorkerChannel channel, WorkerOptions options, ILogger logger, TimeProvider time)
    {
        this.channel = new RetryingWorkerChannel(channel, logger, time);
        this.options = options;
        this.logger = logger;
        this.time = time;
        registration = new WorkerRegistration(options.Id, options.Name, options.Labels, options.Slots, options.InProcess);
    }

    public async Task RunAsync(CancellationToken ct)
    {
        await channel.RegisterAsync(registration, ct);
        WorkerLog.Started(logger, options.Id, options.Name, options.Slots, string.Join(' ', options.Labels));
        var loops = Enumerable.Range(0, options.Slots).Select(_ => SlotAsync(ct)).Append(HeartbeatAsync(ct));
        try
        {
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
    }

    private async Task SlotAsync(CancellationToken ct)
    {
        await Task.Yield();
        while (!ct.IsCancellationRequested)
        {
            JobAssignment? job;
            try
            {
                job = await channel.ClaimAsync(options.Id, ct);
            }
            catch (QueueException)
            {
                // The server forgot us (a fresh database): introduce ourselves again.
                await channel.RegisterAsync(registration, ct);
                continue;
            }
            if (job is null)
            {
                await Task.Delay(options.IdlePollInterval, time, ct);
                continue;
            }
            WorkerLog.Claimed(logger, job.JobId, job.RunId, job.Attempt);
            try
            {
                await new JobExecution(channel, options, job, logger, time).RunAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException and not UnauthorizedAccessException)
            {
                // One broken job must not take the slot down; the server retries the job after its lease expires.
                WorkerLog.JobCrashed(logger, job.JobId, job.Attempt, e);
            }
        }
    }

    private async Task HeartbeatAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(options.HeartbeatInterval * 5, time, ct);
            if (!await channel.HeartbeatWorkerAsync(options.Id, ct)) await channel.RegisterAsync(registration, ct);
        }
    }
}
