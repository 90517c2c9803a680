namespace ContinualDash.Web.Tracking;

/// <summary>Body of <c>POST /api/runs/{id}/finish</c>: <c>succeeded</c>, <c>failed</c> or <c>cancelled</c>.</summary>
public sealed record FinishRequest(string? Status, string? Error);
