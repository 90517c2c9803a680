namespace ContinualDash.Core.Series;

/// <summary>
/// Aggregates runs of the same configuration with different seeds onto a common x grid, for a mean line
/// with a min/max band.
/// </summary>
public static class SeedAggregation
{
    /// <summary>
    /// For every grid x: the mean, minimum and maximum over the series that cover x. A series covers x when
    /// x lies within its first and last x; its value there is exact at a sample and linearly interpolated
    /// between samples. Series are never extrapolated, so a seed that stopped early does not pull the mean.
    /// </summary>
    /// <param name="series">Each series as parallel x (ascending) and y arrays.</param>
    /// <param name="grid">The common x grid, ascending (e.g. <see cref="UnionGrid"/>).</param>
    public static SeedAggregate[] Aggregate(IReadOnlyList<(double[] X, double[] Y)> series, ReadOnlySpan<double> grid)
    {
        foreach (var (x, y) in series)
        {
            if (x.Length != y.Length) throw new ArgumentException("every series needs as many y values as x values", nameof(series));
        }
        var cursors = new int[series.Count];
        var result = new SeedAggregate[grid.Length];
        for (var g = 0; g < grid.Length; g++)
        {
            var gx = grid[g];
            if (g > 0 && gx < grid[g - 1]) throw new ArgumentException($"grid must be sorted: grid[{g}] is below grid[{g - 1}]", nameof(grid));
            double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            var count = 0;
            for (var s = 0; s < series.Count; s++)
            {
                var (xs, ys) = series[s];
                if (xs.Length == 0 || gx < xs[0] || gx > xs[^1]) continue;
                // Grid and series are both ascending, so each series' cursor only moves forward.
                ref var c = ref cursors[s];
                while (c + 1 < xs.Length && xs[c + 1] <= gx) c++;
                var value = xs[c] == gx || c + 1 == xs.Length
                    ? ys[c]
                    : ys[c] + (ys[c + 1] - ys[c]) * (gx - xs[c]) / (xs[c + 1] - xs[c]);
                sum += value;
                min = Math.Min(min, value);
                max = Math.Max(max, value);
                count++;
            }
            result[g] = count == 0
                ? new SeedAggregate(gx, double.NaN, double.NaN, double.NaN, 0)
                : new SeedAggregate(gx, sum / count, min, max, count);
        }
        return result;
    }

    /// <summary>The sorted union of the series' x values: a grid on which no sample is interpolated away.</summary>
    public static double[] UnionGrid(IEnumerable<double[]> xs) =>
        xs.SelectMany(x => x).Distinct().Order().ToArray();
}
