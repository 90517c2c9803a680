using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ContinualDash.Core.Points;

/// <summary>
/// The byte layout of <see cref="Metrics.MetricChunk.Points"/>: n iterations (int64), then n values (float64),
/// then n wall-clock times (int64, Unix ms), all little-endian. Columns rather than rows, so that reading a
/// chunk is three block copies.
/// </summary>
public static class PointChunkCodec
{
    /// <summary>Bytes one point takes.</summary>
    public const int BytesPerPoint = 24;

    /// <summary>Packs the three columns, which must have the same length.</summary>
    public static byte[] Encode(ReadOnlySpan<long> iterations, ReadOnlySpan<double> values, ReadOnlySpan<long> times)
    {
        var n = iterations.Length;
        if (values.Length != n || times.Length != n) throw new ArgumentException("the columns differ in length");
        var bytes = new byte[n * BytesPerPoint];
        var span = bytes.AsSpan();
        MemoryMarshal.AsBytes(iterations).CopyTo(span);
        MemoryMarshal.AsBytes(values).CopyTo(span[(n * 8)..]);
        MemoryMarshal.AsBytes(times).CopyTo(span[(n * 16)..]);
        if (!BitConverter.IsLittleEndian) SwapAll(span);
        return bytes;
    }

    /// <summary>Unpacks a chunk of <paramref name="count"/> points into new arrays.</summary>
    /// <exception cref="InvalidDataException">The bytes do not hold <paramref name="count"/> points.</exception>
    public static DecodedChunk Decode(byte[] bytes, int count)
    {
        if (count < 0 || bytes.Length != count * BytesPerPoint)
            throw new InvalidDataException($"a chunk of {count} points must have {count * BytesPerPoint} bytes, not {bytes.Length}");
        var span = bytes.AsSpan();
        var iterations = MemoryMarshal.Cast<byte, long>(span[..(count * 8)]).ToArray();
        var values = MemoryMarshal.Cast<byte, double>(span.Slice(count * 8, count * 8)).ToArray();
        var times = MemoryMarshal.Cast<byte, long>(span.Slice(count * 16, count * 8)).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(iterations, iterations);
            BinaryPrimitives.ReverseEndianness(times, times);
            var raw = MemoryMarshal.Cast<double, long>(values.AsSpan());
            BinaryPrimitives.ReverseEndianness(raw, raw);
        }
        return new DecodedChunk(iterations, values, times);
    }

    // Only on a big-endian machine: every column is 8-byte words, so one pass swaps them all.
    private static void SwapAll(Span<byte> bytes)
    {
        var words = MemoryMarshal.Cast<byte, long>(bytes);
        BinaryPrimitives.ReverseEndianness(words, words);
    }
}
