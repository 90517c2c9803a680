using ContinualDash.Training.Data;
using ContinualDash.Training.Numerics;

namespace ContinualDash.Training.Strategies;

/// <summary>
/// The samples of one training iteration with their per-sample loss weights and class masks. Weights let
/// strategies mix sources (ER: 0.3 x mean CE over new samples + 0.7 x mean CE over replayed ones) without a
/// second loss function; masks let replayed samples of other tasks use their own head.
/// Buffers are reused across iterations.
/// </summary>
public sealed class MiniBatch
{
    private int[] _labels = [];
    private float[] _weights = [];
    private bool[]?[] _masks = [];

    /// <summary>Samples as rows.</summary>
    public Tensor Features { get; } = new(0, 0);

    /// <summary>Number of samples.</summary>
    public int Count { get; private set; }

    /// <summary>Class of each sample.</summary>
    public ReadOnlySpan<int> Labels => _labels.AsSpan(0, Count);

    /// <summary>Loss weight of each sample; the loss is Σ weight · CE.</summary>
    public Span<float> Weights => _weights.AsSpan(0, Count);

    /// <summary>Class mask of each sample (null: all classes).</summary>
    public ReadOnlySpan<bool[]?> Masks => _masks.AsSpan(0, Count);

    /// <summary>Empties the batch, keeping its storage, for samples with <paramref name="featureSize"/> features.</summary>
    public void Clear(int featureSize)
    {
        Count = 0;
        Features.Reshape(0, featureSize);
    }

    /// <summary>Appends one sample.</summary>
    public void Add(ReadOnlySpan<float> features, int label, float weight, bool[]? mask)
    {
        var cols = Features.Cols;
        if (features.Length != cols)
            throw new ArgumentException($"sample has {features.Length} features, batch has {cols}", nameof(features));
        if (Count == _labels.Length)
            Grow();
        // Reshape keeps the first rows' values only when the storage is large enough, so grow it first.
        if ((Count + 1) * cols > Features.Data.Length)
        {
            var old = Features.Data.AsSpan(0, Count * cols).ToArray();
            Features.Reshape(Math.Max(2 * Count, 16), cols);
            old.CopyTo(Features.Data, 0);
        }
        Features.Reshape(Count + 1, cols);
        features.CopyTo(Features.Row(Count));
        _labels[Count] = label;
        _weights[Count] = weight;
        _masks[Count] = mask;
        Count++;
    }

    /// <summary>Appends sample <paramref name="index"/> of <paramref name="source"/>.</summary>
    public void Add(LabeledImages source, int index, float weight, bool[]? mask)
        => Add(source.Image(index), source.Labels[index], weight, mask);

    /// <summary>Sets the weight of samples [from, to) to <paramref name="weight"/>.</summary>
    public void SetWeights(int from, int to, float weight) => Weights[from..to].Fill(weight);

    private void Grow()
    {
        var size = Math.Max(16, _labels.Length * 2);
        Array.Resize(ref _labels, size);
        Array.Resize(ref _weights, size);
        Array.Resize(ref _masks, size);
    }
}
