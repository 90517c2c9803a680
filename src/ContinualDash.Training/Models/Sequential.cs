using ContinualDash.Training.Numerics;

namespace ContinualDash.Training.Models;

/// <summary>A stack of layers applied in order; the last layer's output are the class logits.</summary>
public sealed class Sequential
{
    /// <summary>Wraps the given layers (not copied).</summary>
    public Sequential(IReadOnlyList<ILayer> layers, int inputSize)
    {
        if (layers.Count == 0)
            throw new ArgumentException("a model needs at least one layer", nameof(layers));
        Layers = layers;
        InputSize = inputSize;
        Parameters = [.. layers.SelectMany(l => l.Parameters)];
    }

    /// <summary>The layers in application order.</summary>
    public IReadOnlyList<ILayer> Layers { get; }

    /// <summary>Number of input features.</summary>
    public int InputSize { get; }

    /// <summary>Number of logits.</summary>
    public int OutputSize => Layers[^1].OutputSize;

    /// <summary>All trainable parameters, layer by layer.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Total number of trainable values.</summary>
    public int ParameterCount => Parameters.Sum(p => p.Value.Length);

    /// <summary>Logits for a batch; the returned tensor is owned by the last layer.</summary>
    public Tensor Forward(Tensor input)
    {
        var x = input;
        // Indexed, not foreach: the interface's enumerator would be a heap object per forward pass.
        for (var i = 0; i < Layers.Count; i++)
            x = Layers[i].Forward(x);
        return x;
    }

    /// <summary>Back-propagates dLoss/dLogits of the last forward batch into every parameter's gradient.</summary>
    public void Backward(Tensor gradLogits)
    {
        var g = gradLogits;
        for (var i = Layers.Count - 1; i >= 0; i--)
            g = Layers[i].Backward(g, needInputGradient: i > 0)!;
    }

    /// <summary>An independent copy (weights copied, buffers fresh).</summary>
    public Sequential Clone() => new([.. Layers.Select(l => l.Clone())], InputSize);

    /// <summary>Copies every parameter value from a model of the same architecture.</summary>
    public void CopyParametersFrom(Sequential source)
    {
        if (source.Parameters.Count != Parameters.Count)
            throw new ArgumentException("models have different architectures", nameof(source));
        for (var i = 0; i < Parameters.Count; i++)
            Parameters[i].Value.CopyFrom(source.Parameters[i].Value);
    }
}
