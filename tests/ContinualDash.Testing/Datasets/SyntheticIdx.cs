using System.Buffers.Binary;
using System.IO.Compression;

namespace ContinualDash.Testing.Datasets;

/// <summary>
/// Writes small, seeded MNIST-format data sets (gzip IDX files) for trainer and command tests, so that no
/// test needs the real Fashion-MNIST. Class c's images are a bright c-dependent stripe plus noise, which an
/// MLP separates in a few iterations.
/// </summary>
public static class SyntheticIdx
{
    /// <summary>Writes train-*/t10k-* files into <paramref name="directory"/> (created if needed).</summary>
    public static void WriteDataset(string directory, int trainPerClass, int testPerClass, int classes = 10, int side = 6, int seed = 1)
    {
        Directory.CreateDirectory(directory);
        var rng = new Random(seed);
        foreach (var (prefix, perClass) in new[] { ("train", trainPerClass), ("t10k", testPerClass) })
        {
            var (images, labels) = Generate(perClass, classes, side, rng);
            WriteImages(Path.Combine(directory, $"{prefix}-images-idx3-ubyte.gz"), images, labels.Length, side, side);
            WriteLabels(Path.Combine(directory, $"{prefix}-labels-idx1-ubyte.gz"), labels);
        }
    }

    /// <summary>Writes an idx3-ubyte image file (gzip).</summary>
    public static void WriteImages(string path, byte[] pixels, int count, int height, int width)
        => Write(path, pixels, count, height, width);

    /// <summary>Writes an idx1-ubyte label file (gzip).</summary>
    public static void WriteLabels(string path, byte[] labels) => Write(path, labels, labels.Length);

    private static (byte[] Images, byte[] Labels) Generate(int perClass, int classes, int side, Random rng)
    {
        var count = perClass * classes;
        var images = new byte[count * side * side];
        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var c = i % classes;
            labels[i] = (byte)c;
            for (var p = 0; p < side * side; p++)
            {
                var bright = p % classes == c;
                images[i * side * side + p] = (byte)(bright ? 150 + rng.Next(100) : rng.Next(60));
            }
        }
        return (images, labels);
    }

    private static void Write(string path, byte[] data, params int[] dims)
    {
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        Span<byte> word = stackalloc byte[4];
        gz.Write([0, 0, 8, (byte)dims.Length]);
        foreach (var d in dims)
        {
            BinaryPrimitives.WriteInt32BigEndian(word, d);
            gz.Write(word);
        }
        gz.Write(data);
    }
}
