using ContinualDash.Core.Series;

namespace ContinualDash.Web.Compare;

/// <summary>
/// Cuts a compare trace down to at most <see cref="CompareBuilder.PointsPerTrace"/> points with the dip-preserving
/// M4 reduction, like a single run's chart: a group's mean line and both edges of its min/max band keep every
/// bucket's first, last, lowest and highest point, so one seed's one-iteration drop still shows in the band.
/// </summary>
internal static class TraceReduction
{
    public static CompareTrace Reduce(CompareTrace t, int maxPoints)
    {
        if (t.X.Length <= maxPoints) return t;
        if (t.Lower is null || t.Upper is null)
        {
            var points = SeriesReduction.M4(t.X, t.Y, t.X[0], t.X[^1], maxPoints / 4);
            return t with { X = points.Select(p => p.X).ToArray(), Y = points.Select(p => p.Y).ToArray() };
        }
        // Three lines share one x grid (strictly increasing: the seeds' union grid), so the kept indices of all
        // three are merged and each line is read at all of them; three selections of up to 4 points per bucket.
        var buckets = Math.Max(1, maxPoints / 12);
        var keep = new SortedSet<int>();
        foreach (var line in new[] { t.Y, t.Lower, t.Upper })
            foreach (var p in SeriesReduction.M4(t.X, line, t.X[0], t.X[^1], buckets))
                keep.Add(Array.BinarySearch(t.X, p.X));
        int[] at = [.. keep];
        return t with
        {
            X = at.Select(i => t.X[i]).ToArray(), Y = at.Select(i => t.Y[i]).ToArray(),
            Lower = at.Select(i => t.Lower[i]).ToArray(), Upper = at.Select(i => t.Upper[i]).ToArray(),
        };
    }
}
