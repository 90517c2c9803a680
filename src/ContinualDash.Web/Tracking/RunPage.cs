namespace ContinualDash.Web.Tracking;

/// <summary>One page of <c>GET /api/runs</c>; <see cref="Total"/> counts every run that matches the filter.</summary>
public sealed record RunPage(IReadOnlyList<RunSummary> Items, int Total, int Page, int PageSize);
