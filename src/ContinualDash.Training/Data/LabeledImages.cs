namespace ContinualDash.Training.Data;

/// <summary>
/// Images as float32 features in [0, 1], row-major one image per row, with integer class labels.
/// </summary>
public sealed class LabeledImages
{
    /// <summary>Wraps the arrays (not copied).</summary>
    public LabeledImages(float[] features, int[] labels, int height, int width)
    {
        if (features.Length != labels.Length * height * width)
            throw new ArgumentException($"{labels.Length} images of {height}x{width} need {labels.Length * height * width} values, got {features.Length}");
        Features = features;
        Labels = labels;
        Height = height;
        Width = width;
    }

    /// <summary>Count x (Height·Width) pixel values.</summary>
    public float[] Features { get; }

    /// <summary>Class of each image.</summary>
    public int[] Labels { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Height · Width.</summary>
    public int FeatureSize => Height * Width;

    /// <summary>One image's pixels.</summary>
    public ReadOnlySpan<float> Image(int index) => Features.AsSpan(index * FeatureSize, FeatureSize);

    /// <summary>The images at <paramref name="indices"/>, copied, in that order.</summary>
    public LabeledImages Select(IReadOnlyList<int> indices)
    {
        var features = new float[indices.Count * FeatureSize];
        var labels = new int[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Image(indices[i]).CopyTo(features.AsSpan(i * FeatureSize, FeatureSize));
            labels[i] = Labels[indices[i]];
        }
        return new LabeledImages(features, labels, Height, Width);
    }

    /// <summary>Number of distinct classes assuming labels 0..max.</summary>
    public int ClassCount => Labels.Length == 0 ? 0 : Labels.Max() + 1;
}
