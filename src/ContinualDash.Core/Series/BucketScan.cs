namespace ContinualDash.Core.Series;

/// <summary>
/// The single pass shared by <see cref="SeriesReduction.M4"/> and <see cref="SeriesReduction.Envelope"/>:
/// splits [xMin, xMax] into equal-width buckets and records, per non-empty bucket, the indices of its first,
/// last, minimum and maximum points (earliest on ties).
/// </summary>
internal static class BucketScan
{
    public readonly record struct Bucket(int First, int Last, int Min, int Max);

    public static List<Bucket> Run(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double xMin, double xMax, int buckets)
    {
        if (xs.Length != ys.Length)
            throw new ArgumentException($"xs has {xs.Length} values but ys has {ys.Length}", nameof(ys));
        if (buckets < 1) throw new ArgumentOutOfRangeException(nameof(buckets), buckets, "at least one bucket is needed");
        if (!double.IsFinite(xMin) || !double.IsFinite(xMax) || xMin > xMax)
            throw new ArgumentException($"the range [{xMin}, {xMax}] must be finite and not empty", nameof(xMax));

        var start = LowerBound(xs, xMin);
        var result = new List<Bucket>(Math.Min(buckets, Math.Max(0, xs.Length - start)));
        // Multiply instead of divide per point; the clamp puts x == xMax in the last bucket.
        var scale = xMax > xMin ? buckets / (xMax - xMin) : 0;
        int current = -1, first = 0, min = 0, max = 0;
        var previousX = double.NegativeInfinity;
        var i = start;
        for (; i < xs.Length; i++)
        {
            var x = xs[i];
            if (x > xMax) break;
            if (x < previousX) throw new ArgumentException($"xs must be sorted: xs[{i}] = {x} is below xs[{i - 1}]", nameof(xs));
            previousX = x;
            var y = ys[i];
            if (double.IsNaN(y)) throw new ArgumentException($"ys[{i}] is NaN", nameof(ys));
            var bucket = Math.Min((int)((x - xMin) * scale), buckets - 1);
            if (bucket != current)
            {
                if (current >= 0) result.Add(new Bucket(first, i - 1, min, max));
                current = bucket;
                first = min = max = i;
            }
            else if (y < ys[min]) min = i;
            else if (y > ys[max]) max = i;
        }
        if (current >= 0) result.Add(new Bucket(first, i - 1, min, max));
        return result;
    }

    /// <summary>First index whose x is at least <paramref name="x"/>.</summary>
    private static int LowerBound(ReadOnlySpan<double> xs, double x)
    {
        int lo = 0, hi = xs.Length;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (xs[mid] < x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
