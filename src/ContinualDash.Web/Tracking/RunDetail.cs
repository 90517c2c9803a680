using System.Text.Json;

namespace ContinualDash.Web.Tracking;

/// <summary><c>GET /api/runs/{id}</c>: the run, its configuration, declared tasks with boundaries, and series.</summary>
public sealed record RunDetail(
    RunSummary Run, int Attempt, string? Error, JsonElement Config,
    IReadOnlyList<TaskDetail> Tasks, IReadOnlyList<SeriesDetail> Series);
