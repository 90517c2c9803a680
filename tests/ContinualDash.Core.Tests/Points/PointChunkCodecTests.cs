using ContinualDash.Core.Points;

namespace ContinualDash.Core.Tests.Points;

public sealed class PointChunkCodecTests
{
    [Fact]
    public void EncodeDecode_RandomColumns_RoundTripBitForBit()
    {
        var rng = new Random(7);
        var n = 1_234;
        var iterations = Enumerable.Range(0, n).Select(_ => rng.NextInt64(long.MinValue, long.MaxValue)).ToArray();
        double[] special = [0.0, -0.0, double.Epsilon, double.MaxValue, -1e-300];
        var values = Enumerable.Range(0, n).Select(i => i < special.Length ? special[i] : rng.NextDouble() * 2 - 1).ToArray();
        var times = Enumerable.Range(0, n).Select(i => 1_700_000_000_000L + i).ToArray();

        var bytes = PointChunkCodec.Encode(iterations, values, times);
        var decoded = PointChunkCodec.Decode(bytes, n);

        Assert.Equal(n * PointChunkCodec.BytesPerPoint, bytes.Length);
        Assert.Equal(iterations, decoded.Iterations);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), decoded.Values.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(times, decoded.Times);
    }

    [Fact]
    public void Encode_KnownPoint_IsLittleEndianColumns()
    {
        var bytes = PointChunkCodec.Encode([0x0102], [1.0], [3]);

        // Iteration, then the IEEE 754 bits of 1.0 (0x3FF0000000000000), then the time, each low byte first.
        Assert.Equal(new byte[] { 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 3, 0, 0, 0, 0, 0, 0, 0 }, bytes);
    }

    [Fact]
    public void Decode_LengthDisagreesWithCount_ThrowsNamingBoth()
    {
        var bytes = PointChunkCodec.Encode([1, 2], [0.5, 0.25], [0, 0]);

        var e = Assert.Throws<InvalidDataException>(() => PointChunkCodec.Decode(bytes, 3));

        Assert.Contains("3 points must have 72 bytes, not 48", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_ColumnsOfDifferentLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => PointChunkCodec.Encode([1, 2], [0.5], [0, 0]));
    }
}
