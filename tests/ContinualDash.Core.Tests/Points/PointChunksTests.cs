using ContinualDash.Core.Points;
using ContinualDash.Core.Tracking;

namespace ContinualDash.Core.Tests.Points;

public sealed class PointChunksTests
{
    private static readonly Dictionary<(string, int), long> Series = new() { [("acc", 0)] = 10, [("acc", 1)] = 11, [("loss", -1)] = 12 };

    [Fact]
    public void FromGroups_InterleavedSeries_OneChunkPerSeriesInFirstSeenAndBatchOrder()
    {
        MetricPointInput[] points =
        [
            new("loss", null, 5, 2.0, 100), new("acc", 0, 4, 0.5), new("loss", null, 3, 1.5), new("acc", 1, 4, 0.25), new("acc", 0, 9, 0.75),
        ];

        var chunks = PointChunks.FromGroups(points, PointChunks.GroupBySeries(points), Series, attempt: 3, nowMs: 42);

        Assert.Equal([12L, 10, 11], chunks.Select(c => c.SeriesId));
        var loss = PointChunkCodec.Decode(chunks[0].Points, chunks[0].Count);
        Assert.Equal([5L, 3], loss.Iterations);
        Assert.Equal([2.0, 1.5], loss.Values);
        Assert.Equal([100L, 42], loss.Times);
        Assert.Equal((3L, 5L), (chunks[0].FirstIteration, chunks[0].LastIteration));
        Assert.Equal([0.5, 0.75], PointChunkCodec.Decode(chunks[1].Points, chunks[1].Count).Values);
        Assert.All(chunks, c => Assert.Equal(3, c.Attempt));
    }

    [Fact]
    public void FromGroups_SeriesLargerThanAChunk_SplitsInOrder()
    {
        var points = Enumerable.Range(0, PointIds.MaxChunkPoints + 2).Select(i => new MetricPointInput("acc", 0, i, 0.5)).ToList();

        var chunks = PointChunks.FromGroups(points, PointChunks.GroupBySeries(points), Series, attempt: 1, nowMs: 0);

        Assert.Equal([PointIds.MaxChunkPoints, 2], chunks.Select(c => c.Count));
        Assert.Equal((PointIds.MaxChunkPoints, PointIds.MaxChunkPoints + 1L), (chunks[1].FirstIteration, chunks[1].LastIteration));
    }
}
