using ContinualDash.Core.Points;

namespace ContinualDash.Core.Tests.Points;

public sealed class PointIdsTests
{
    [Theory]
    [InlineData(1L, 0)]
    [InlineData(1L, PointIds.MaxChunkPoints - 1)]
    [InlineData((1L << 37) - 1, 12_345)]
    public void Of_ChunkAndOffset_SplitBackIntoBoth(long chunk, int offset)
    {
        var id = PointIds.Of(chunk, offset);

        Assert.Equal((chunk, offset), (PointIds.ChunkOf(id), PointIds.OffsetOf(id)));
        Assert.True(id < 1L << 53, "ids must stay exact as JavaScript numbers");
    }

    [Fact]
    public void Of_OrdersByChunkThenOffset()
    {
        long[] ids = [PointIds.Of(1, 0), PointIds.Of(1, 1), PointIds.Of(1, PointIds.MaxChunkPoints - 1), PointIds.Of(2, 0)];

        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }
}
