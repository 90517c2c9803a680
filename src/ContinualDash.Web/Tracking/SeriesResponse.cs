namespace ContinualDash.Web.Tracking;

/// <summary>A series for a chart: <see cref="Total"/> points in the window, returned raw or, when
/// <see cref="Reduced"/>, as the dip-preserving M4 reduction. <see cref="Iterations"/> and
/// <see cref="Values"/> are parallel arrays.</summary>
public sealed record SeriesResponse(string Name, int? Task, int Total, bool Reduced, double[] Iterations, double[] Values);
