namespace ContinualDash.Web.Tracking;

/// <summary>A metric series of a run and how many points it holds.</summary>
public sealed record SeriesDetail(string Name, int? Task, long Points);
