using System.Text.Json;

namespace ContinualDash.Web.Tracking;

/// <summary>Body of <c>POST /api/runs</c>.</summary>
public sealed record CreateRunRequest(
    string? Name, string? Experiment, JsonElement? Config, IReadOnlyList<string>? Tags, IReadOnlyList<TaskDeclaration?>? Tasks,
    string? Notes = null);
