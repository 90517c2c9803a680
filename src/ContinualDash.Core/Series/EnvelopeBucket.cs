namespace ContinualDash.Core.Series;

/// <summary>One bucket of a min/max envelope: the x span of its points and the extremes of their values.</summary>
public readonly record struct EnvelopeBucket(double FirstX, double LastX, double Min, double Max, int Count);
