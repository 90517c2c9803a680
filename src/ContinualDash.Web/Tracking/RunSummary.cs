namespace ContinualDash.Web.Tracking;

/// <summary>One row of <c>GET /api/runs</c>.</summary>
public sealed record RunSummary(
    long Id, string Name, string Status, string? Experiment, string? Benchmark, string? Strategy, int? Seed,
    IReadOnlyList<string> Tags, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt);
