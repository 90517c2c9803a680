using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace ContinualDash.Training.Numerics;

/// <summary>Element-wise and reduction kernels used by the layers, losses and optimisers.</summary>
public static class Kernels
{
    /// <summary>grad[i] = output[i] &gt; 0 ? grad[i] : 0 (ReLU backward, given ReLU's output).</summary>
    public static void ReluBackward(ReadOnlySpan<float> output, Span<float> grad)
    {
        if (output.Length != grad.Length)
            throw new ArgumentException("output and grad lengths differ", nameof(grad));
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= grad.Length - 8; i += 8)
            {
                var mask = Vector256.GreaterThan(Vector256.Create(output.Slice(i, 8)), Vector256<float>.Zero);
                (Vector256.Create(grad.Slice(i, 8)) & mask).CopyTo(grad.Slice(i, 8));
            }
        }
        for (; i < grad.Length; i++)
            if (output[i] <= 0f) grad[i] = 0f;
    }

    /// <summary>sums[j] = Σ_i m[i, j] for a row-major rows x cols matrix.</summary>
    public static void ColumnSums(ReadOnlySpan<float> m, int rows, int cols, Span<float> sums)
    {
        sums[..cols].Clear();
        for (var i = 0; i < rows; i++)
            TensorPrimitives.Add(sums[..cols], m.Slice(i * cols, cols), sums[..cols]);
    }

    /// <summary>Index of the largest value among the entries allowed by <paramref name="mask"/> (all if empty); earliest on ties.</summary>
    public static int ArgMax(ReadOnlySpan<float> values, ReadOnlySpan<bool> mask)
    {
        if (mask.IsEmpty)
            return TensorPrimitives.IndexOfMax(values);
        var best = -1;
        for (var j = 0; j < values.Length; j++)
            if (mask[j] && (best < 0 || values[j] > values[best]))
                best = j;
        return best;
    }
}
