namespace ContinualDash.Web.Tracking;

/// <summary>Answer of <c>POST /api/runs</c>: the new run's id and its page.</summary>
public sealed record CreateRunResponse(long Id, string Url);
