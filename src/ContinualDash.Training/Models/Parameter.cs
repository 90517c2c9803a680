using ContinualDash.Training.Numerics;

namespace ContinualDash.Training.Models;

/// <summary>A trainable tensor and the gradient of the current loss with respect to it (same shape).</summary>
public sealed class Parameter(string name, Tensor value)
{
    /// <summary>Stable name used by weight files, e.g. "layer0.weight".</summary>
    public string Name { get; } = name;

    /// <summary>The values being trained.</summary>
    public Tensor Value { get; } = value;

    /// <summary>Gradient written by the last backward pass (overwritten, not accumulated).</summary>
    public Tensor Grad { get; } = new(value.Rows, value.Cols);
}
