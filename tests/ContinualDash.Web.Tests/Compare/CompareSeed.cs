using ContinualDash.Core.Data;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;

namespace ContinualDash.Web.Tests.Compare;

/// <summary>Runs with a task-0 accuracy series that has a one-iteration dip at iteration 50.</summary>
internal static class CompareSeed
{
    public static async Task<long> AddRunAsync(DashDbContext db, string name, string strategy, int seed, double level, int points = 100)
    {
        var run = new Run(name, new DateTime(2026, 3, 1, 10, seed, 0, DateTimeKind.Utc))
        {
            Strategy = strategy, Seed = seed, FinalWcAcc = level / 2, ConfigJson = $$"""{"strategy":"{{strategy}}","seed":{{seed}}}""",
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        var accuracy = Enumerable.Range(0, points)
            .Select(i => new MetricPointInput("accuracy", 0, i, i == 50 ? 0.05 : level)).ToList();
        await new MetricWriter(db, TimeProvider.System).WriteAsync(run.Id, null, 1, accuracy, CancellationToken.None);
        return run.Id;
    }
}
