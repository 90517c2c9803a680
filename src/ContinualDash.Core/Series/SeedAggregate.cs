namespace ContinualDash.Core.Series;

/// <summary>Mean, minimum and maximum over the series (seeds) that cover grid point <paramref name="X"/>.</summary>
/// <param name="X">The grid point.</param>
/// <param name="Mean">Unweighted mean of the series' values at X.</param>
/// <param name="Min">Smallest value at X.</param>
/// <param name="Max">Largest value at X.</param>
/// <param name="Count">How many series cover X (0: the other values are NaN).</param>
public readonly record struct SeedAggregate(double X, double Mean, double Min, double Max, int Count);
