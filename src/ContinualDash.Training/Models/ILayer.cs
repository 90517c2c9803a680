using ContinualDash.Training.Numerics;

namespace ContinualDash.Training.Models;

/// <summary>
/// One differentiable stage of a model. Layers own their output and input-gradient buffers and reuse them,
/// so the returned tensors are valid until the next call of the same method.
/// </summary>
public interface ILayer
{
    /// <summary>Trainable parameters (empty for activations).</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Number of output features for a given number of input features.</summary>
    int OutputSize { get; }

    /// <summary>Computes the output for a batch (rows = samples) and remembers what backward needs.</summary>
    Tensor Forward(Tensor input);

    /// <summary>
    /// Given dLoss/dOutput of the last forward batch, writes the parameter gradients and returns dLoss/dInput
    /// (or null when <paramref name="needInputGradient"/> is false, which saves the first layer's largest product).
    /// May overwrite <paramref name="gradOutput"/>.
    /// </summary>
    Tensor? Backward(Tensor gradOutput, bool needInputGradient);

    /// <summary>A copy with its own parameters and buffers.</summary>
    ILayer Clone();
}
