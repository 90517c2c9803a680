using ContinualDash.Core.Series;

namespace ContinualDash.Core.Tests.Series;

public sealed class SeedAggregationTests
{
    [Fact]
    public void Aggregate_SeriesOnSameIterations_MatchesBruteForceMeanMinMax()
    {
        var random = new Random(5);
        for (var n = 0; n < 100; n++)
        {
            var xs = Enumerable.Range(0, random.Next(1, 50)).Select(i => (double)(3 * i)).ToArray();
            var series = Enumerable.Range(0, random.Next(1, 6))
                .Select(_ => (xs, xs.Select(_ => random.NextDouble()).ToArray())).ToList();

            var aggregate = SeedAggregation.Aggregate(series, SeedAggregation.UnionGrid(series.Select(s => s.xs)));

            Assert.Equal(xs.Length, aggregate.Length);
            for (var g = 0; g < xs.Length; g++)
            {
                var values = series.Select(s => s.Item2[g]).ToList();
                Assert.Equal(xs[g], aggregate[g].X);
                Assert.Equal(values.Average(), aggregate[g].Mean, 12);
                Assert.Equal(values.Min(), aggregate[g].Min);
                Assert.Equal(values.Max(), aggregate[g].Max);
                Assert.Equal(series.Count, aggregate[g].Count);
            }
        }
    }

    [Fact]
    public void Aggregate_OffsetSchedulesAndEarlyStop_InterpolatesInsideAndNeverExtrapolates()
    {
        var seedA = (new double[] { 0, 10, 20 }, new double[] { 0.0, 1.0, 0.5 });
        var seedB = (new double[] { 5, 15 }, new double[] { 0.4, 0.6 });

        var result = SeedAggregation.Aggregate([seedA, seedB], [0, 5, 10, 15, 20]);

        Assert.Equal(new SeedAggregate(0, 0.0, 0.0, 0.0, 1), result[0]);
        Assert.Equal(new SeedAggregate(5, 0.45, 0.4, 0.5, 2), result[1]);
        Assert.Equal(new SeedAggregate(10, 0.75, 0.5, 1.0, 2), result[2]);
        Assert.Equal(new SeedAggregate(15, 0.675, 0.6, 0.75, 2), result[3]);
        Assert.Equal(new SeedAggregate(20, 0.5, 0.5, 0.5, 1), result[4]);
    }

    [Fact]
    public void Aggregate_GridPointCoveredByNoSeries_HasCountZeroAndNaN()
    {
        var result = SeedAggregation.Aggregate([(new double[] { 1, 2 }, new double[] { 0.1, 0.2 })], [5]);

        Assert.Equal(0, result[0].Count);
        Assert.True(double.IsNaN(result[0].Mean));
    }
}
