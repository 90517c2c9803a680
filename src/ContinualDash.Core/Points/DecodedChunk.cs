namespace ContinualDash.Core.Points;

/// <summary>The points of one chunk as columns, in the order they were stored.</summary>
public sealed record DecodedChunk(long[] Iterations, double[] Values, long[] Times)
{
    /// <summary>Number of points.</summary>
    public int Count => Iterations.Length;
}
