using ContinualDash.Core.Data;
using ContinualDash.Core.Metrics;
using ContinualDash.Core.Runs;

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
        var series = new MetricSeries(run.Id, "accuracy", 0);
        db.MetricSeries.Add(series);
        await db.SaveChangesAsync();
        for (var i = 0; i < points; i++)
            db.MetricPoints.Add(new MetricPoint { SeriesId = series.Id, Iteration = i, Value = i == 50 ? 0.05 : level });
        await db.SaveChangesAsync();
        return run.Id;
    }
}
