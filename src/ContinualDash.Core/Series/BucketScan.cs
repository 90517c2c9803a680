using System.Numerics.Tensors;

namespace ContinualDash.Core.Series;

/// <summary>
/// The scan shared by <see cref="SeriesReduction.M4"/> and <see cref="SeriesReduction.Envelope"/>: splits
/// [xMin, xMax] into equal-width buckets and records, per non-empty bucket, the indices of its first, last,
/// minimum and maximum points. Because x is sorted, each bucket's end is found by binary search (O(k log n)
/// in all) and y is only read by vectorised arg-min/arg-max over the bucket's slice, so the cost per point
/// is close to that of a bare minimum/maximum pass.
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

        var scale = xMax > xMin ? buckets / (xMax - xMin) : 0;
        var end = FirstIndex(xs, 0, xs.Length, x => x > xMax);
        var i = FirstIndex(xs, 0, end, x => x >= xMin);
        var result = new List<Bucket>(Math.Min(buckets, end - i));
        while (i < end)
        {
            var bucket = BucketOf(xs[i], xMin, scale, buckets);
            var next = FirstIndex(xs, i + 1, end, x => BucketOf(x, xMin, scale, buckets) > bucket);
            var slice = ys[i..next];
            var min = i + TensorPrimitives.IndexOfMin(slice);
            // IndexOfMin returns the first NaN when there is one, so this is the whole NaN check.
            if (double.IsNaN(ys[min])) throw new ArgumentException($"ys[{min}] is NaN", nameof(ys));
            var max = i + TensorPrimitives.IndexOfMax(slice);
            result.Add(new Bucket(i, next - 1, min, max));
            i = next;
        }
        return result;
    }

    /// <summary>min(k - 1, floor((x - xMin) * scale)), monotone in x, so a binary search over sorted x finds bucket ends.</summary>
    private static int BucketOf(double x, double xMin, double scale, int buckets) =>
        Math.Min((int)((x - xMin) * scale), buckets - 1);

    /// <summary>First index in [lo, hi) whose x satisfies the monotone predicate, or hi.</summary>
    private static int FirstIndex(ReadOnlySpan<double> xs, int lo, int hi, Func<double, bool> predicate)
    {
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (predicate(xs[mid])) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}
