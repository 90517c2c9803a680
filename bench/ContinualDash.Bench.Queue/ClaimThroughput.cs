using System.Diagnostics;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Queue;
using Microsoft.Extensions.Options;

namespace ContinualDash.Bench.Queue;

/// <summary>Jobs per second that 8 concurrent claimers take off a queue of <c>jobs</c> jobs, claim only and claim + finish.</summary>
internal static class ClaimThroughput
{
    public static async Task<double> MeasureAsync(string provider, string? postgres, int jobs, int claimers, bool finish)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, postgres);
        var options = Options.Create(new QueueOptions());
        var backoff = new RetryBackoff(options, new Random(1));
        await using (var db = database.Context())
        {
            var queue = new JobQueue(db, TimeProvider.System, options, backoff, new LiveRunMetrics(TimeProvider.System));
            var payload = new CommandSpec(["true"]).ToJson();
            for (var i = 0; i < jobs; i++)
                await queue.EnqueueAsync(new JobRequest(JobKind.Command, payload, $"job {i}", i % 3), CancellationToken.None);
        }

        var claimed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, claimers).Select(w => Task.Run(async () =>
        {
            await using var db = database.Context();
            var queue = new JobQueue(db, TimeProvider.System, options, backoff, new LiveRunMetrics(TimeProvider.System));
            while (await queue.ClaimAsync($"w{w}", $"worker {w}", "", CancellationToken.None) is { } job)
            {
                Interlocked.Increment(ref claimed);
                if (finish) await queue.FinishAsync(new JobLease(job.JobId, $"w{w}", job.Attempt), JobOutcome.Succeeded, null, CancellationToken.None);
                db.ChangeTracker.Clear();
            }
        })));
        clock.Stop();
        if (claimed != jobs) throw new InvalidOperationException($"claimed {claimed} of {jobs} jobs");
        return jobs / clock.Elapsed.TotalSeconds;
    }
}
