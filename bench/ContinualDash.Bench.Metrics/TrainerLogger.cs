using ContinualDash.Core.Data;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Tracking;

namespace ContinualDash.Bench.Metrics;

/// <summary>
/// Logs a run the way a trainer does, through the tracking services: at every iteration every task seen so
/// far is evaluated (series <c>accuracy</c>, the task index as the task; task k from its phase on), points
/// go out in batches through <see cref="MetricWriter"/>, and each task's end is recorded through
/// <see cref="BoundaryRecorder"/> once the batch holding its last iteration is stored. The accuracies have
/// <see cref="BenchLog"/>'s stability-gap shape. The last task never ends: the run stays live.
/// </summary>
/// <param name="runId">The run, declaring <paramref name="tasks"/> tasks.</param>
/// <param name="tasks">T.</param>
/// <param name="perTask">Iterations per task: b_k = (k + 1) * perTask - 1.</param>
internal sealed class TrainerLogger(long runId, int tasks, int perTask)
{
    private readonly Random random = new(1);
    private readonly List<MetricPointInput> pending = [];
    private readonly SeriesIdCache seriesCache = new();

    /// <summary>The accuracy points stored so far.</summary>
    public long Stored { get; private set; }

    /// <summary>The next iteration to evaluate.</summary>
    public long NextIteration { get; private set; }

    /// <summary>Logs whole iterations until at least <paramref name="points"/> points are stored, in batches
    /// of at most <paramref name="batch"/> points (a batch also ends with a task).</summary>
    /// <param name="open">A fresh context per boundary request, as the API's request scope gives one.</param>
    public async Task FillAsync(DashDbContext db, Func<DashDbContext> open, int points, int batch, CancellationToken ct)
    {
        // Boundaries are recorded as in the web app, whose singleton keeps this run's evaluator; the
        // benchmark's cold reads use a fresh one, as after a restart or an idle eviction.
        var live = new LiveRunMetrics(TimeProvider.System);
        while (Stored + pending.Count < points)
        {
            var t = NextIteration;
            var current = Current(t);
            if (pending.Count + current + 1 > batch) await FlushAsync(db, ct);
            Evaluate();
            if (current < tasks - 1 && t == Boundary(current))
            {
                await FlushAsync(db, ct);
                await using var request = open();
                await new BoundaryRecorder(request, live).RecordAsync(runId, current, t, ct);
            }
        }
        await FlushAsync(db, ct);
    }

    /// <summary>Logs <paramref name="iterations"/> iterations as one batch; returns the points written.</summary>
    public async Task<int> AppendAsync(DashDbContext db, int iterations, CancellationToken ct)
    {
        for (var i = 0; i < iterations; i++) Evaluate();
        var count = pending.Count;
        await FlushAsync(db, ct);
        return count;
    }

    private void Evaluate()
    {
        var t = NextIteration++;
        var current = Current(t);
        var sinceSwitch = t - (current == 0 ? 0 : Boundary(current - 1));
        for (var task = 0; task <= current; task++)
            pending.Add(new MetricPointInput(RunEvaluations.AccuracySeries, task, t, BenchLog.Accuracy(random, task, current, sinceSwitch)));
    }

    private async Task FlushAsync(DashDbContext db, CancellationToken ct)
    {
        if (pending.Count == 0) return;
        await new MetricWriter(db, TimeProvider.System, seriesCache).WriteAsync(runId, null, 1, pending, ct);
        Stored += pending.Count;
        pending.Clear();
    }

    private int Current(long t) => (int)Math.Min(t / perTask, tasks - 1);

    private long Boundary(int task) => (long)(task + 1) * perTask - 1;
}
