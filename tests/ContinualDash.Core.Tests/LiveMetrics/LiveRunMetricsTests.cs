using ContinualDash.Core.Data;
using ContinualDash.Core.Evaluation;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tests.Evaluation;
using ContinualDash.Core.Tracking;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tests.LiveMetrics;

/// <summary>
/// Random logs stored batch by batch through the tracking services, read back live at random moments: the
/// live report must equal the batch engine on the log so far, with the open task closed at the last
/// evaluated iteration (METRICS.md S1, open-task semantics).
/// </summary>
public sealed class LiveRunMetricsTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ReadAsync_RandomLogsWhileTheyGrow_EqualsBatchEngineWithOpenTaskClosed(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var live = new LiveRunMetrics(TimeProvider.System);
        var random = new Random(11);
        var checks = 0;
        foreach (var log in RandomLogs.Generate(seed: 5, count: 25))
        {
            var declare = random.NextDouble() < 0.5;
            var config = log.Settings.Window == MetricsSettings.DefaultWindow ? "{}" : $$"""{"window":{{log.Settings.Window}}}""";
            var run = await new RunCreator(db, TimeProvider.System).CreateAsync(
                new NewRun($"log-{checks}", ConfigJson: config, Tasks: declare ? [.. Enumerable.Repeat<string?>(null, log.TaskBoundaries.Count)] : null),
                null, default);
            var byIteration = log.Evaluations.GroupBy(e => e.Iteration).OrderBy(g => g.Key).ToList();
            var boundaries = new List<int>();
            var sent = new List<TaskAccuracy>();
            foreach (var batch in byIteration.Chunk(random.Next(1, 4)))
            {
                var points = batch.SelectMany(g => g).ToList();
                // Boundaries before this batch's first iteration are recorded first, as a trainer ends a task.
                while (boundaries.Count < log.TaskBoundaries.Count && log.TaskBoundaries[boundaries.Count] < points[0].Iteration)
                    await Record(db, live, run.Id, boundaries, log.TaskBoundaries[boundaries.Count]);
                await new MetricWriter(db, TimeProvider.System).WriteAsync(run.Id, null, 1,
                    [.. points.Select(p => new MetricPointInput("accuracy", p.Task, p.Iteration, p.Accuracy))], default);
                sent.AddRange(points);
                if (random.NextDouble() < 0.6)
                {
                    await AssertLiveEqualsBatchAsync(db, live, run.Id, log, boundaries, sent, random.Next(0, 3));
                    checks++;
                }
            }
        }
        Assert.True(checks > 50, $"only {checks} live reads were checked");
    }

    [Fact]
    public async Task ReadAsync_BoundaryRecordedAfterLaterEvaluations_RebuildsAndMovesThemToTheNextTask()
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        var live = new LiveRunMetrics(TimeProvider.System);
        var runId = await TrackedRuns.CreateAsync(db, new NewRun("late", Tasks: [null, null]));
        await TrackedRuns.LogAsync(db, runId, [new("accuracy", 0, 0, 0.2), new("accuracy", 0, 1, 0.9)]);
        await TrackedRuns.LogAsync(db, runId, [new("accuracy", 0, 2, 0.4), new("accuracy", 1, 2, 0.5)]);
        Assert.Equal(0, (await live.ReadAsync(db, runId, 0, default)).Report!.PerIteration[^1].CurrentTask);

        await new BoundaryRecorder(db, live).RecordAsync(runId, 0, 1, default);

        var view = await live.ReadAsync(db, runId, 0, default);
        Assert.Equal(1, view.Report!.PerIteration[^1].CurrentTask);
        Assert.Equal(0.4, view.Report.PerIteration[^1].MinAcc);
        Assert.Equal(0.9, view.LastBoundary!.AvgAcc);
    }

    [Fact]
    public async Task ReadAsync_EvaluationAfterTheLastDeclaredTask_NamesTheProblem()
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        var live = new LiveRunMetrics(TimeProvider.System);
        var runId = await TrackedRuns.CreateAsync(db, new NewRun("over", Tasks: [null]));
        await TrackedRuns.LogAsync(db, runId, [new("accuracy", 0, 0, 0.2)]);
        await new BoundaryRecorder(db, live).RecordAsync(runId, 0, 0, default);
        await TrackedRuns.LogAsync(db, runId, [new("accuracy", 0, 1, 0.3)]);

        var view = await live.ReadAsync(db, runId, 0, default);

        Assert.Null(view.Report);
        Assert.Equal("evaluation (iteration 1, task 0): iteration is after the last task boundary 0", view.Problem);
    }

    [Fact]
    public async Task ReadAsync_FromRow_SendsOnlyLaterRowsAndTheOpenOne()
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        var live = new LiveRunMetrics(TimeProvider.System);
        var runId = await TrackedRuns.CreateAsync(db, new NewRun("rows"));
        await TrackedRuns.LogAsync(db, runId, [.. Enumerable.Range(0, 10).Select(t => new MetricPointInput("accuracy", 0, t, 0.5))]);

        var all = await live.ReadAsync(db, runId, 0, default);
        await TrackedRuns.LogAsync(db, runId, [new("accuracy", 0, 10, 0.6)]);
        var delta = await live.ReadAsync(db, runId, all.SettledRows, default);

        Assert.Equal((10, 9), (all.Report!.PerIteration.Count, all.SettledRows));
        Assert.Equal([9, 10], delta.Report!.PerIteration.Select(r => r.Iteration));
        Assert.Equal((9, 10), (delta.FirstRow, delta.SettledRows));
    }

    [Fact]
    public async Task Finish_OfManyRuns_KeepsTheWatchedRunsStateAndDropsTheFinishedOnes()
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        var live = new LiveRunMetrics(TimeProvider.System);
        var watched = new List<long>();
        for (var i = 0; i < LiveRunMetrics.MaxRuns; i++)
        {
            watched.Add(await TrackedRuns.CreateAsync(db, new NewRun($"watched {i}")));
            await TrackedRuns.LogAsync(db, watched[^1], [new("accuracy", 0, 1, 0.5)]);
            await live.ReadAsync(db, watched[^1], 0, default);
        }

        // Runs nobody watches end one after another, as a busy server's do; their final columns are computed.
        for (var i = 0; i < 5; i++)
        {
            var ended = await TrackedRuns.CreateAsync(db, new NewRun($"ended {i}"));
            await TrackedRuns.LogAsync(db, ended, [new("accuracy", 0, 1, 0.25)]);
            await TrackedRuns.EndTaskAsync(db, ended, 0, 1);
            await new RunFinisher(db, TimeProvider.System, live).FinishAsync(ended, "succeeded", null, default);
            Assert.Equal(0.25, (await db.Runs.AsNoTracking().SingleAsync(r => r.Id == ended)).FinalAvgAcc);
        }
        Assert.All(watched, run => Assert.True(live.Keeps(run), $"run {run}'s state was pushed out"));

        // A watched run that ends leaves room behind it.
        await new RunFinisher(db, TimeProvider.System, live).FinishAsync(watched[0], "succeeded", null, default);
        Assert.False(live.Keeps(watched[0]));
        Assert.Equal(LiveRunMetrics.MaxRuns - 1, live.Count);
    }

    private static async Task Record(DashDbContext db, LiveRunMetrics live, long runId, List<int> boundaries, int b)
    {
        await new BoundaryRecorder(db, live).RecordAsync(runId, boundaries.Count, b, default);
        boundaries.Add(b);
    }

    private static async Task AssertLiveEqualsBatchAsync(
        DashDbContext db, LiveRunMetrics live, long runId, AccuracyLog log, List<int> known, List<TaskAccuracy> sent, int fromRow)
    {
        var view = await live.ReadAsync(db, runId, fromRow, default);
        Assert.True(view.Report is not null, view.Problem);
        var last = sent.Max(e => e.Iteration);
        List<int> closed = [.. known];
        if (closed.Count == 0 || last > closed[^1]) closed.Add(last);
        // Evaluations of future tasks only feed R and FWT, but an iteration that has only those still has a
        // row: later tasks get boundaries after the last evaluation, where they change nothing.
        while (closed.Count <= sent.Max(e => e.Task)) closed.Add(closed[^1] + 1);
        var batch = ContinualMetrics.Compute(new AccuracyLog(closed, sent, log.Settings with
        {
            RandomInitAccuracy = null, EvalSetSizes = null, ReferenceAccuracy = null,
        }));

        var expected = batch.PerIteration.Skip(view.FirstRow).ToList();
        Assert.Equal(expected.Count, view.Report!.PerIteration.Count);
        for (var j = 0; j < expected.Count; j++) AssertRow(expected[j], view.Report.PerIteration[j]);
        Assert.Equal(known.Count, view.Report.BoundaryMetrics.Count);
        for (var k = 0; k < known.Count; k++)
        {
            var (e, a) = (batch.BoundaryMetrics[k], view.Report.BoundaryMetrics[k]);
            Assert.Equal((e.Task, e.Iteration, e.MinAccTasks), (a.Task, a.Iteration, a.MinAccTasks));
            foreach (var (x, y) in new[] { (e.AvgAcc, a.AvgAcc), (e.AvgForg, a.AvgForg), (e.AvgForgMax, a.AvgForgMax), (e.Bwt, a.Bwt), (e.MinAcc, a.MinAcc), (e.WcAcc, a.WcAcc) })
                Close(x, y);
            for (var i = 0; i <= k; i++) Close(batch.R[k][i], view.Report.R[k][i]);
        }
    }

    private static void AssertRow(IterationMetrics e, IterationMetrics a)
    {
        Assert.True((e.Iteration, e.CurrentTask, e.MinAccTasks) == (a.Iteration, a.CurrentTask, a.MinAccTasks), $"expected {e}, got {a}");
        foreach (var (x, y) in new[] { (e.AvgAccSeen, a.AvgAccSeen), (e.Forg, a.Forg), (e.Bwt, a.Bwt), (e.MinAcc, a.MinAcc), (e.WcAcc, a.WcAcc), (e.Wf, a.Wf), (e.Wp, a.Wp) })
            Close(x, y);
    }

    private static void Close(double? expected, double? actual)
    {
        Assert.Equal(expected.HasValue, actual.HasValue);
        if (expected is { } x) Assert.Equal(x, actual!.Value, 1e-9);
    }
}
