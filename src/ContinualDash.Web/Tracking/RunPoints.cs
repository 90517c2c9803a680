using ContinualDash.Core.Data;

namespace ContinualDash.Web.Tracking;

/// <summary>The stored points of a run in id order (the order they were stored), from an id on: what the
/// event stream resumes from and what the export streams.</summary>
internal static class RunPoints
{
    public static IQueryable<PointEvent> After(DashDbContext db, long runId, long afterId, int limit) =>
        (from p in db.MetricPoints
         join s in db.MetricSeries on p.SeriesId equals s.Id
         where s.RunId == runId && p.Id > afterId
         orderby p.Id
         select new PointEvent(p.Id, s.Name, s.TaskKey < 0 ? null : s.TaskKey, p.Iteration, p.Value, p.WallTimeMs, p.Attempt))
        .Take(limit);
}
