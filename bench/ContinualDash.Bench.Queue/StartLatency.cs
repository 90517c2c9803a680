using System.Diagnostics;
using ContinualDash.Core.Data;
using ContinualDash.Core.Queue;
using ContinualDash.Worker.Channels;
using ContinualDash.Worker.Loop;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContinualDash.Bench.Queue;

/// <summary>
/// Time from "enqueue returned" to "an idle worker started the job" (the job's ClaimedAt), with the real worker
/// loop on the in-process channel; jobs are enqueued one at a time at random moments of the poll cycle.
/// </summary>
internal static class StartLatency
{
    public static async Task<List<double>> MeasureAsync(string provider, string? postgres, TimeSpan idlePoll, int samples)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, postgres);
        var services = new ServiceCollection();
        services.AddDbContext<DashDbContext>(o => DatabaseOptions.Configure(o, database.Provider, database.Connection));
        services.AddJobQueue();
        await using var sp = services.BuildServiceProvider();
        using var stop = new CancellationTokenSource();
        var worker = new WorkerOptions { Id = "bench", Name = "bench", IdlePollInterval = idlePoll };
        var loop = new WorkerLoop(new InProcessWorkerChannel(sp.GetRequiredService<IServiceScopeFactory>()), worker,
            NullLogger.Instance, TimeProvider.System).RunAsync(stop.Token);

        var random = new Random(5);
        var latencies = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, (int)idlePoll.TotalMilliseconds + 50)));
            long jobId;
            DateTime enqueued;
            await using (var scope = sp.CreateAsyncScope())
            {
                (jobId, _) = await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAsync(
                    new JobRequest(JobKind.Command, new CommandSpec(["true"]).ToJson(), $"latency {i}"), CancellationToken.None);
                enqueued = TimeProvider.System.GetUtcNow().UtcDateTime;
            }
            var wait = Stopwatch.StartNew();
            while (true)
            {
                await using var db = database.Context();
                var claimedAt = await db.Jobs.Where(j => j.Id == jobId).Select(j => j.ClaimedAt).SingleAsync();
                if (claimedAt is { } at)
                {
                    latencies.Add(Math.Max(0, (at - enqueued).TotalMilliseconds));
                    break;
                }
                if (wait.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"job {jobId} was not started");
                await Task.Delay(20);
            }
            // Let the job finish so the worker is idle again before the next sample.
            while (true)
            {
                await using var db = database.Context();
                if (await db.Jobs.AnyAsync(j => j.Id == jobId && j.FinishedAt != null)) break;
                await Task.Delay(20);
            }
        }
        await stop.CancelAsync();
        await loop;
        return latencies;
    }
}
