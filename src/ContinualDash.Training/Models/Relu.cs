using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using ContinualDash.Training.Numerics;

namespace ContinualDash.Training.Models;

/// <summary>Stand-alone max(0, x), for stacks where the activation is not fused into a <see cref="Linear"/>.</summary>
public sealed class Relu(int size) : ILayer
{
    private readonly Tensor _output = new(0, 0);

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; } = [];

    /// <inheritdoc />
    public int OutputSize { get; } = size;

    /// <inheritdoc />
    public Tensor Forward(Tensor input)
    {
        _output.Reshape(input.Rows, input.Cols);
        TensorPrimitives.Max(input.Span, 0f, _output.Span);
        return _output;
    }

    /// <inheritdoc />
    public Tensor? Backward(Tensor gradOutput, bool needInputGradient)
    {
        Kernels.ReluBackward(_output.Span, gradOutput.Span);
        return needInputGradient ? gradOutput : null;
    }

    /// <inheritdoc />
    public ILayer Clone() => new Relu(OutputSize);
}
