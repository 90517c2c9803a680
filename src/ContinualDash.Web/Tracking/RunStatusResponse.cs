namespace ContinualDash.Web.Tracking;

/// <summary>A run's status after a write, and the status event of the event streams.</summary>
public sealed record RunStatusResponse(long RunId, string Status);
