using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;
using ContinualDash.Testing;

namespace ContinualDash.Worker.Tests.Loop;

public sealed class WorkerLoopTests
{
    [Fact]
    public async Task RunAsync_CommandJobPrintingRecords_StoresPointsBoundaryAndLog()
    {
        await using var worker = new WorkerHarness();
        await worker.StartAsync();
        var jobId = await worker.EnqueueShellAsync("""
            echo "training starts"
            echo '{"metric":"accuracy","task":0,"iteration":10,"value":0.5}'
            echo '{"metric":"accuracy","task":0,"iteration":20,"value":0.75}'
            echo '{"boundary":{"task":0,"iteration":20}}'
            printf '{"metric":"run_id","iteration":0,"value":%s}\n' "$CONTINUALDASH_RUN_ID"
            [ -n "$CONTINUALDASH_TOKEN" ] && [ "$CONTINUALDASH_URL" = "http://127.0.0.1:1" ] && echo "env ok" >&2
            """);

        await worker.WaitForJobStatusAsync(jobId, RunStatus.Succeeded, RunStatus.Failed);

        var (run, points, boundary, log) = await worker.QueryAsync(async db => (
            await db.Runs.AsNoTracking().SingleAsync(),
            (await StoredPoints.AllAsync(db)).OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Iteration).ToList(),
            await db.TaskPhases.AsNoTracking().SingleAsync(),
            await db.RunLogLines.AsNoTracking().OrderBy(l => l.Sequence).Select(l => l.Stream + ":" + l.Text).ToListAsync()));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal([("accuracy", 10L, 0.5), ("accuracy", 20, 0.75), ("run_id", 0, run.Id)], points.Select(p => (p.Name, p.Iteration, p.Value)));
        Assert.All(points, p => Assert.Equal(1, p.Attempt));
        Assert.Equal((0, (long?)20), (boundary.TaskIndex, boundary.BoundaryIteration));
        Assert.Contains("stdout:training starts", log);
        Assert.Contains("stderr:env ok", log);
        Assert.Equal(6, log.Count);
    }

    [Fact]
    public async Task RunAsync_CommandExitsNonZero_FailsWithLastLogLines()
    {
        await using var worker = new WorkerHarness();
        await worker.StartAsync();
        var jobId = await worker.EnqueueShellAsync("echo 'loading data'; echo 'CUDA out of memory' >&2; exit 3");

        await worker.WaitForJobStatusAsync(jobId, RunStatus.Failed, RunStatus.Succeeded);

        var run = await worker.QueryAsync(db => db.Runs.AsNoTracking().SingleAsync());
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.StartsWith("exit code 3", run.Error);
        Assert.Contains("CUDA out of memory", run.Error);
    }

    [Fact]
    public async Task RunAsync_ProgramMissing_FailsWithReason()
    {
        await using var worker = new WorkerHarness();
        await worker.StartAsync();
        var jobId = await worker.EnqueueShellAsync("exec /nonexistent/program");

        await worker.WaitForJobStatusAsync(jobId, RunStatus.Failed, RunStatus.Succeeded);

        Assert.Equal(RunStatus.Failed, await worker.QueryAsync(db => db.Runs.Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task RunAsync_RunningJobCancelled_KillsProcessAndEndsCancelled()
    {
        await using var worker = new WorkerHarness();
        await worker.StartAsync();
        var jobId = await worker.EnqueueShellAsync("echo started; sleep 30; touch finished-normally");
        await worker.WaitUntilAsync(db => db.RunLogLines.AnyAsync(l => l.Text == "started"));

        await worker.CancelAsync(jobId);
        await worker.WaitForJobStatusAsync(jobId, RunStatus.Cancelled, RunStatus.Succeeded, RunStatus.Failed);

        Assert.Equal(RunStatus.Cancelled, await worker.QueryAsync(db => db.Runs.Select(r => r.Status).SingleAsync()));
        Assert.False(File.Exists(Path.Combine(worker.Folder, "finished-normally")));
    }

    [Fact]
    public async Task RunAsync_JobNeedsLabelWorkerLacks_StaysQueued()
    {
        await using var worker = new WorkerHarness();
        await worker.StartAsync("cpu");
        var gpuJob = await worker.EnqueueShellAsync("true", labels: ["gpu"]);
        var cpuJob = await worker.EnqueueShellAsync("true", labels: ["cpu"]);

        // The unlabelled-for-us job was enqueued first; the worker ran the later one it can take.
        await worker.WaitForJobStatusAsync(cpuJob, RunStatus.Succeeded);

        Assert.Equal(RunStatus.Queued, await worker.QueryAsync(db => db.Jobs.Where(j => j.Id == gpuJob).Select(j => j.Status).SingleAsync()));
    }
}
