namespace ContinualDash.Core.Series;

/// <summary>
/// The stored points of one series in (iteration, storage) order, as parallel arrays of which the first
/// <see cref="Length"/> entries are valid. Shared between requests: never write to the arrays.
/// </summary>
/// <param name="Xs">Iterations, ascending.</param>
/// <param name="Ys">Values.</param>
/// <param name="Length">Number of valid entries.</param>
/// <param name="Count">The series' point count in <c>MetricSeriesCounts</c> this copy matches.</param>
/// <param name="LastId">The largest point id in the copy (0 when empty).</param>
public sealed record StoredSeries(double[] Xs, double[] Ys, int Length, long Count, long LastId)
{
    /// <summary>An empty series (no points stored yet).</summary>
    public static readonly StoredSeries Empty = new([], [], 0, 0, 0);

    /// <summary>The index range [Start, End) of the points with <paramref name="from"/> ≤ iteration ≤
    /// <paramref name="to"/> (null: unbounded), found by binary search.</summary>
    public (int Start, int End) Window(long? from, long? to)
    {
        var xs = Xs.AsSpan(0, Length);
        var start = from is { } f ? FirstAbove(xs, f, inclusive: true) : 0;
        var end = to is { } t ? FirstAbove(xs, t, inclusive: false) : Length;
        return (start, Math.Max(start, end));
    }

    /// <summary>First index whose x is ≥ (inclusive) or &gt; (not inclusive) <paramref name="bound"/>.</summary>
    private static int FirstAbove(ReadOnlySpan<double> xs, long bound, bool inclusive)
    {
        int lo = 0, hi = xs.Length;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (inclusive ? xs[mid] >= bound : xs[mid] > bound) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}
