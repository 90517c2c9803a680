namespace ContinualDash.Web.Tracking;

/// <summary>A task of a run: its index, declared name (null when only known from a boundary) and boundary b_k.</summary>
public sealed record TaskDetail(int Index, string? Name, long? Boundary);
