using ContinualDash.Core.Runs;
using ContinualDash.Testing.Datasets;
using ContinualDash.Training.Experiments;
using ContinualDash.Worker.Builtin;
using ContinualDash.Worker.Tests.Loop;
using Microsoft.EntityFrameworkCore;
using ContinualDash.Testing;

namespace ContinualDash.Worker.Tests.Builtin;

public sealed class BuiltinJobRunnerTests
{
    // 2 tasks of 5 classes, 12 images per class: 60 images per task, batch 10 -> 6 iterations per epoch.
    private static readonly ExperimentSpec Tiny = new()
    {
        Benchmark = "split-fmnist", Tasks = 2, HiddenSizes = [8], BatchSize = 10, EpochsPerTask = 2,
        EvalSubsetSize = 5, Strategy = "er", MemorySize = 20, ReplayBatchSize = 10, Seed = 3,
    };

    [Fact]
    public async Task RunAsync_TinyBuiltinJob_SucceedsWithAccuracyPointsAndBoundaries()
    {
        await using var worker = new WorkerHarness();
        SyntheticIdx.WriteDataset(worker.DataDirectory, trainPerClass: 12, testPerClass: 5);
        await worker.StartAsync();

        var jobId = await worker.EnqueueBuiltinAsync(Tiny);
        await worker.WaitForJobStatusAsync(jobId, RunStatus.Succeeded, RunStatus.Failed, RunStatus.Cancelled);

        var run = await worker.QueryAsync(db => db.Runs.AsNoTracking().SingleAsync());
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Null(run.Error);
        var boundaries = await worker.QueryAsync(db => db.TaskPhases.Where(p => p.BoundaryIteration != null)
            .OrderBy(p => p.TaskIndex).Select(p => p.BoundaryIteration!.Value).ToListAsync());
        Assert.Equal([12L, 24L], boundaries);
        var points = await worker.QueryAsync(db => StoredPoints.AllAsync(db));
        var accuracy = points.Where(p => p.Name == TrainerEventSink.Accuracy).ToList();
        // Every iteration evaluates the tasks seen so far: task 0 at 0..24, task 1 from its first update (13) to 24.
        Assert.Equal(25, accuracy.Count(a => a.Task == 0));
        Assert.Equal(12, accuracy.Count(a => a.Task == 1));
        Assert.Equal(24, points.Count(p => p.Name == TrainerEventSink.Loss));
        Assert.True(await worker.QueryAsync(db => db.RunLogLines.AnyAsync(l => l.Text == "task 1 ended at iteration 24")));
    }

    [Fact]
    public async Task RunAsync_RunningBuiltinJobCancelled_StopsTrainingAndEndsCancelled()
    {
        await using var worker = new WorkerHarness();
        SyntheticIdx.WriteDataset(worker.DataDirectory, trainPerClass: 12, testPerClass: 5);
        await worker.StartAsync();
        // 5 tasks x 10,000 epochs x 24 one-image updates through a 1000x1000 MLP: hours of training, so only the cancel can end it.
        var jobId = await worker.EnqueueBuiltinAsync(Tiny with { Tasks = 5, EpochsPerTask = 10_000, BatchSize = 1, HiddenSizes = [1000, 1000] });
        await worker.WaitUntilAsync(async db => await StoredPoints.CountAsync(db) > 50);

        await worker.CancelAsync(jobId);
        await worker.WaitForJobStatusAsync(jobId, RunStatus.Cancelled, RunStatus.Succeeded, RunStatus.Failed);

        var run = await worker.QueryAsync(db => db.Runs.AsNoTracking().SingleAsync());
        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.False(await worker.QueryAsync(db => db.TaskPhases.AnyAsync(p => p.BoundaryIteration != null)));
    }

    [Fact]
    public async Task RunAsync_DataFilesMissing_FailsNamingTheAptPackage()
    {
        await using var worker = new WorkerHarness();
        await worker.StartAsync();

        var jobId = await worker.EnqueueBuiltinAsync(Tiny);
        await worker.WaitForJobStatusAsync(jobId, RunStatus.Failed, RunStatus.Succeeded, RunStatus.Cancelled);

        var run = await worker.QueryAsync(db => db.Runs.AsNoTracking().SingleAsync());
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("dataset-fashion-mnist", run.Error);
    }

    [Fact]
    public async Task RunAsync_InvalidSpec_FailsNamingTheField()
    {
        await using var worker = new WorkerHarness();
        await worker.StartAsync();

        var jobId = await worker.EnqueueBuiltinAsync(Tiny with { LearningRate = -1 });
        await worker.WaitForJobStatusAsync(jobId, RunStatus.Failed, RunStatus.Succeeded, RunStatus.Cancelled);

        Assert.StartsWith("learningRate:", await worker.QueryAsync(db => db.Runs.Select(r => r.Error).SingleAsync()));
    }
}
