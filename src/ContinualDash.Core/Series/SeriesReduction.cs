namespace ContinualDash.Core.Series;

/// <summary>
/// Reduces chart series without losing dips: a stability gap is often one or two evaluations deep, so
/// averaging or striding would hide exactly what the dashboard exists to show. Inputs are parallel x/y
/// spans with x sorted ascending and y not NaN. A NaN, mismatched lengths or a bad range throw
/// <see cref="ArgumentException"/>; x order is a precondition (the data comes ordered from the database)
/// and is not re-checked, since a full check would cost as much as the reduction itself.
/// </summary>
public static class SeriesReduction
{
    /// <summary>
    /// M4 reduction: splits [<paramref name="xMin"/>, <paramref name="xMax"/>] into <paramref name="buckets"/>
    /// equal-width buckets (x goes to bucket min(k - 1, floor((x - xMin) * (k / (xMax - xMin)))), so xMax is in
    /// the last one) and keeps, per bucket, its first, last, minimum and maximum points (on ties,
    /// one of the tied points). The output is in x order, has at most 4 points per bucket, and always contains the minimum and
    /// maximum of the range and of every bucket. O(n) in the points of the range, plus O(log n) to find it.
    /// </summary>
    public static SeriesPoint[] M4(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double xMin, double xMax, int buckets)
    {
        var scanned = BucketScan.Run(xs, ys, xMin, xMax, buckets);
        var points = new List<SeriesPoint>(scanned.Count * 4);
        Span<int> picks = stackalloc int[4];
        foreach (var b in scanned)
        {
            picks[0] = b.First;
            picks[1] = b.Min;
            picks[2] = b.Max;
            picks[3] = b.Last;
            picks.Sort();
            for (var j = 0; j < 4; j++)
            {
                if (j > 0 && picks[j] == picks[j - 1]) continue;
                points.Add(new SeriesPoint(xs[picks[j]], ys[picks[j]]));
            }
        }
        return [.. points];
    }

    /// <summary>
    /// Min/max envelope for drawing a band: one entry per non-empty bucket of the same equal-width split as
    /// <see cref="M4"/>, with the x span of the bucket's points and their minimum and maximum.
    /// </summary>
    public static EnvelopeBucket[] Envelope(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double xMin, double xMax, int buckets)
    {
        var scanned = BucketScan.Run(xs, ys, xMin, xMax, buckets);
        var envelope = new EnvelopeBucket[scanned.Count];
        for (var j = 0; j < scanned.Count; j++)
        {
            var b = scanned[j];
            envelope[j] = new EnvelopeBucket(xs[b.First], xs[b.Last], ys[b.Min], ys[b.Max], b.Last - b.First + 1);
        }
        return envelope;
    }
}
