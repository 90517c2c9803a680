using System.Buffers.Binary;
using System.IO.Compression;

namespace ContinualDash.Training.Data;

/// <summary>
/// Reads the IDX format of MNIST and Fashion-MNIST: big-endian magic (0x0000 08 dims), the dimension sizes,
/// then unsigned bytes. Files ending in .gz are decompressed on the fly.
/// </summary>
public static class IdxReader
{
    /// <summary>Reads an idx3-ubyte image file into features scaled to [0, 1]; returns (count, height, width, features).</summary>
    public static (int Count, int Height, int Width, float[] Features) ReadImages(string path)
    {
        var (dims, data) = Read(path, expectedDims: 3);
        var features = new float[data.Length];
        for (var i = 0; i < data.Length; i++)
            features[i] = data[i] / 255f;
        return (dims[0], dims[1], dims[2], features);
    }

    /// <summary>Reads an idx1-ubyte label file.</summary>
    public static int[] ReadLabels(string path)
    {
        var (_, data) = Read(path, expectedDims: 1);
        return [.. data.Select(b => (int)b)];
    }

    private static (int[] Dims, byte[] Data) Read(string path, int expectedDims)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        Span<byte> header = stackalloc byte[4];
        ReadExactly(stream, header, path);
        if (header[0] != 0 || header[1] != 0 || header[2] != 0x08)
            throw new InvalidDataException($"{path}: not an unsigned-byte IDX file (magic {Convert.ToHexString(header)})");
        if (header[3] != expectedDims)
            throw new InvalidDataException($"{path}: expected {expectedDims} dimensions, file has {header[3]}");
        var dims = new int[expectedDims];
        long total = 1;
        for (var i = 0; i < expectedDims; i++)
        {
            ReadExactly(stream, header, path);
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(header);
            if (dims[i] < 0) throw new InvalidDataException($"{path}: negative dimension");
            total *= dims[i];
        }
        if (total > int.MaxValue) throw new InvalidDataException($"{path}: too large");
        var data = new byte[total];
        ReadExactly(stream, data, path);
        return (dims, data);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string path)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: file is truncated");
        }
    }
}
