using ContinualDash.Training.Numerics;

namespace ContinualDash.Training.Models;

/// <summary>
/// y = x·W + b, optionally followed by ReLU fused into the matrix multiply's store (one pass over the
/// output instead of three). W is stored input x output so that the forward product needs no transpose.
/// </summary>
public sealed class Linear : ILayer
{
    private readonly Tensor _output = new(0, 0);
    private readonly Tensor _gradInput = new(0, 0);
    private Tensor? _input;

    /// <summary>A layer with PyTorch's default initialisation, U(-1/√in, 1/√in) for weights and bias, drawn from <paramref name="rng"/>.</summary>
    public Linear(int inputs, int outputs, bool relu, Random rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        Inputs = inputs;
        OutputSize = outputs;
        Relu = relu;
        Weight = new Parameter("weight", new Tensor(inputs, outputs));
        Bias = new Parameter("bias", new Tensor(1, outputs));
        var bound = 1.0 / Math.Sqrt(inputs);
        foreach (var p in new[] { Weight, Bias })
            for (var i = 0; i < p.Value.Length; i++)
                p.Value.Data[i] = (float)((rng.NextDouble() * 2 - 1) * bound);
        Parameters = [Weight, Bias];
    }

    private Linear(Linear source)
    {
        Inputs = source.Inputs;
        OutputSize = source.OutputSize;
        Relu = source.Relu;
        Weight = new Parameter("weight", source.Weight.Value.Clone());
        Bias = new Parameter("bias", source.Bias.Value.Clone());
        Parameters = [Weight, Bias];
    }

    /// <summary>Number of input features.</summary>
    public int Inputs { get; }

    /// <inheritdoc />
    public int OutputSize { get; }

    /// <summary>Whether ReLU is applied to the output.</summary>
    public bool Relu { get; }

    /// <summary>Weights, inputs x outputs.</summary>
    public Parameter Weight { get; }

    /// <summary>Bias, 1 x outputs.</summary>
    public Parameter Bias { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc />
    public Tensor Forward(Tensor input)
    {
        if (input.Cols != Inputs)
            throw new ArgumentException($"expected {Inputs} input features, got {input.Cols}", nameof(input));
        _input = input;
        _output.Reshape(input.Rows, OutputSize);
        Gemm.Multiply(input.Span, false, Weight.Value.Span, false, _output.Span, input.Rows, OutputSize, Inputs,
            bias: Bias.Value.Span, relu: Relu);
        return _output;
    }

    /// <inheritdoc />
    public Tensor? Backward(Tensor gradOutput, bool needInputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Backward called before Forward");
        var n = input.Rows;
        if (Relu)
            Kernels.ReluBackward(_output.Span, gradOutput.Span);
        // dW = xᵀ·dy, db = Σ_rows dy, dx = dy·Wᵀ.
        Gemm.Multiply(input.Span, true, gradOutput.Span, false, Weight.Grad.Span, Inputs, OutputSize, n);
        Kernels.ColumnSums(gradOutput.Span, n, OutputSize, Bias.Grad.Span);
        if (!needInputGradient)
            return null;
        _gradInput.Reshape(n, Inputs);
        Gemm.Multiply(gradOutput.Span, false, Weight.Value.Span, true, _gradInput.Span, n, Inputs, OutputSize);
        return _gradInput;
    }

    /// <inheritdoc />
    public ILayer Clone() => new Linear(this);
}
