using ContinualDash.Core.Data;
using ContinualDash.Core.Tracking;
using ContinualDash.Testing;

namespace ContinualDash.Web.Tests.Compare;

/// <summary>
/// Finished one-task runs logged through the tracking services: a task-0 accuracy series at
/// <c>level</c> with a one-iteration dip at iteration 50, and the task's boundary at its last point, so the
/// stored final avg-ACC and WC-ACC are both <c>level</c>.
/// </summary>
internal static class CompareSeed
{
    public static async Task<long> AddRunAsync(DashDbContext db, string name, string strategy, int seed, double level, int points = 100)
    {
        var runId = await TrackedRuns.CreateAsync(db, new NewRun(name, ConfigJson: $$"""{"strategy":"{{strategy}}","seed":{{seed}}}"""));
        var accuracy = Enumerable.Range(0, points)
            .Select(i => new MetricPointInput("accuracy", 0, i, i == 50 ? 0.05 : level)).ToList();
        await TrackedRuns.LogAsync(db, runId, accuracy);
        await TrackedRuns.EndTaskAsync(db, runId, 0, points - 1);
        await TrackedRuns.FinishAsync(db, runId);
        return runId;
    }
}
