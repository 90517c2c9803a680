using ContinualDash.Core.Series;

namespace ContinualDash.Core.Tests.Series;

public sealed class SeriesReductionTests
{
    [Fact]
    public void M4_RandomSeries_KeepsEveryBucketExtremeInXOrderWithinFourPerBucket()
    {
        var random = new Random(42);
        for (var n = 0; n < 300; n++)
        {
            var (xs, ys) = RandomSeries(random);
            var (xMin, xMax) = RandomRange(random, xs);
            var buckets = random.Next(1, 40);

            var reduced = SeriesReduction.M4(xs, ys, xMin, xMax, buckets);

            Assert.True(reduced.Length <= 4 * buckets);
            var inRange = Enumerable.Range(0, xs.Length).Where(i => xs[i] >= xMin && xs[i] <= xMax).ToList();
            Assert.Equal(inRange.Count == 0, reduced.Length == 0);
            // The output must be a subsequence of the points in range: in x order, each input point at most once.
            var next = 0;
            foreach (var p in reduced)
            {
                while (next < inRange.Count && (xs[inRange[next]] != p.X || ys[inRange[next]] != p.Y)) next++;
                Assert.True(next < inRange.Count, $"({p.X}, {p.Y}) is not the next input point in range");
                next++;
            }
            if (inRange.Count == 0) continue;
            Assert.Contains(reduced, p => p.Y == inRange.Min(i => ys[i]));
            Assert.Contains(reduced, p => p.Y == inRange.Max(i => ys[i]));
            foreach (var bucket in inRange.GroupBy(i => Bucket(xs[i], xMin, xMax, buckets)))
            {
                Assert.Contains(reduced, p => p.Y == bucket.Min(i => ys[i]) && p.X >= xs[bucket.First()] && p.X <= xs[bucket.Last()]);
                Assert.Contains(reduced, p => p.Y == bucket.Max(i => ys[i]) && p.X >= xs[bucket.First()] && p.X <= xs[bucket.Last()]);
                Assert.Contains(new SeriesPoint(xs[bucket.First()], ys[bucket.First()]), reduced);
                Assert.Contains(new SeriesPoint(xs[bucket.Last()], ys[bucket.Last()]), reduced);
            }
        }
    }

    [Fact]
    public void M4_OneEvaluationDip_SurvivesAThousandfoldReduction()
    {
        var xs = Enumerable.Range(0, 100_000).Select(i => (double)i).ToArray();
        var ys = xs.Select(x => 0.9).ToArray();
        ys[54_321] = 0.2;

        var reduced = SeriesReduction.M4(xs, ys, 0, 99_999, 100);

        Assert.Contains(new SeriesPoint(54_321, 0.2), reduced);
        Assert.True(reduced.Length <= 400);
    }

    [Fact]
    public void Envelope_RandomSeries_MatchesBucketMinimaAndMaxima()
    {
        var random = new Random(43);
        for (var n = 0; n < 300; n++)
        {
            var (xs, ys) = RandomSeries(random);
            var (xMin, xMax) = RandomRange(random, xs);
            var buckets = random.Next(1, 40);

            var envelope = SeriesReduction.Envelope(xs, ys, xMin, xMax, buckets);

            var expected = Enumerable.Range(0, xs.Length).Where(i => xs[i] >= xMin && xs[i] <= xMax)
                .GroupBy(i => Bucket(xs[i], xMin, xMax, buckets))
                .Select(g => new EnvelopeBucket(xs[g.First()], xs[g.Last()], g.Min(i => ys[i]), g.Max(i => ys[i]), g.Count()));
            Assert.Equal(expected, envelope);
        }
    }

    [Fact]
    public void M4_InvalidInput_ThrowsNamingTheArgument()
    {
        Assert.Equal("ys", Assert.Throws<ArgumentException>(() => SeriesReduction.M4([0, 1], [0], 0, 1, 1)).ParamName);
        Assert.Equal("ys", Assert.Throws<ArgumentException>(() => SeriesReduction.M4([0, 1], [0, double.NaN], 0, 1, 1)).ParamName);
        Assert.Equal("buckets", Assert.Throws<ArgumentOutOfRangeException>(() => SeriesReduction.M4([0], [0], 0, 1, 0)).ParamName);
        Assert.Equal("xMax", Assert.Throws<ArgumentException>(() => SeriesReduction.M4([0], [0], 2, 1, 1)).ParamName);
    }

    /// <summary>The bucket of x as documented on <see cref="SeriesReduction.M4"/>; x = xMax is in the last bucket.</summary>
    private static int Bucket(double x, double xMin, double xMax, int buckets) =>
        xMax == xMin ? 0 : Math.Min(buckets - 1, (int)Math.Floor((x - xMin) * (buckets / (xMax - xMin))));

    private static (double[] Xs, double[] Ys) RandomSeries(Random random)
    {
        var length = random.Next(0, 200);
        var xs = new double[length];
        var ys = new double[length];
        double x = random.Next(-5, 5);
        for (var i = 0; i < length; i++)
        {
            x += random.Next(0, 3); // repeated x values happen
            xs[i] = x;
            ys[i] = random.Next(0, 30) / 10.0; // ties happen
        }
        return (xs, ys);
    }

    private static (double Min, double Max) RandomRange(Random random, double[] xs)
    {
        if (xs.Length == 0) return (0, 1);
        var a = xs[random.Next(xs.Length)] + random.Next(-3, 3);
        var b = xs[random.Next(xs.Length)] + random.Next(-3, 3);
        return (Math.Min(a, b), Math.Max(a, b));
    }
}
