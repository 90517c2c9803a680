using ContinualDash.Web.Runs;

namespace ContinualDash.Web.Tracking;

/// <summary>One row of <c>GET /api/runs</c>, and the <c>run</c> of <c>GET /api/runs/{id}</c>: the runs page's row.</summary>
public sealed record RunSummary(
    long Id, string Name, string Status, string? Experiment, string? Benchmark, string? Strategy, int? Seed,
    IReadOnlyList<string> Tags, RunFinal Final, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt)
{
    public static RunSummary From(RunRow r) => new(
        r.Id, r.Name, r.Status, r.ExperimentName, r.Benchmark, r.Strategy, r.Seed, r.Tags,
        new RunFinal(r.FinalAvgAcc, r.FinalMinAcc, r.FinalWcAcc, r.FinalBwt, r.FinalForgetting),
        r.CreatedAt, r.StartedAt, r.FinishedAt);
}
