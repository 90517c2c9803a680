namespace ContinualDash.Web.Compare;

/// <summary>One line of the compare chart; <see cref="Lower"/>/<see cref="Upper"/> hold the min/max band of a group.</summary>
public sealed record CompareTrace(string Name, double[] X, double[] Y, double[]? Lower = null, double[]? Upper = null, int Seeds = 1);
