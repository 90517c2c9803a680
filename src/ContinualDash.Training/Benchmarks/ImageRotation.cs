namespace ContinualDash.Training.Benchmarks;

/// <summary>Rotates a grey-scale image about its centre with bilinear interpolation; pixels from outside are 0.</summary>
internal static class ImageRotation
{
    public static void Rotate(ReadOnlySpan<float> source, Span<float> destination, int height, int width, double degrees)
    {
        var radians = degrees * Math.PI / 180;
        var (cos, sin) = (Math.Cos(radians), Math.Sin(radians));
        var (cy, cx) = ((height - 1) / 2.0, (width - 1) / 2.0);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                // Inverse mapping: which source point lands on (x, y) after a counter-clockwise rotation.
                var dx = x - cx;
                var dy = y - cy;
                var sx = cos * dx + sin * dy + cx;
                var sy = -sin * dx + cos * dy + cy;
                destination[y * width + x] = Sample(source, height, width, sx, sy);
            }
        }
    }

    private static float Sample(ReadOnlySpan<float> image, int height, int width, double x, double y)
    {
        var x0 = (int)Math.Floor(x);
        var y0 = (int)Math.Floor(y);
        var fx = x - x0;
        var fy = y - y0;
        var top = Pixel(image, height, width, x0, y0) * (1 - fx) + Pixel(image, height, width, x0 + 1, y0) * fx;
        var bottom = Pixel(image, height, width, x0, y0 + 1) * (1 - fx) + Pixel(image, height, width, x0 + 1, y0 + 1) * fx;
        return (float)(top * (1 - fy) + bottom * fy);
    }

    private static double Pixel(ReadOnlySpan<float> image, int height, int width, int x, int y)
        => x < 0 || y < 0 || x >= width || y >= height ? 0 : image[y * width + x];
}
