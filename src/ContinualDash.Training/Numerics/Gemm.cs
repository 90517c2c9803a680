namespace ContinualDash.Training.Numerics;

/// <summary>
/// Single-precision matrix multiply C = op(A) x op(B) (+ C) (+ bias, then ReLU), row-major.
/// Cache-blocked in the Goto/BLIS manner: op(B) is packed into KC x 16 column panels that stay in L1,
/// op(A) into MC x KC blocks of 6-row panels that stay in L2, and a 6 x 16 register tile does the FMAs.
/// Large products are cut into chunks of rows or columns that the caller and a helper thread claim
/// (<see cref="GemmCall"/>); every output element is summed in the same order whoever computes it, so
/// results are identical with one or two threads.
/// </summary>
public static class Gemm
{
    /// <summary>Below this many multiply-adds, waking the second thread costs more than it saves.</summary>
    internal const long ParallelThreshold = 1_500_000;

    [ThreadStatic] private static GemmCall? _call;

    /// <summary>
    /// C[m x n] = op(A)[m x k] · op(B)[k x n], plus C's old values when <paramref name="accumulate"/>, plus
    /// <paramref name="bias"/>[n] on every row, then max(0, ·) when <paramref name="relu"/>.
    /// op(A) = A (stored m x k) or Aᵀ (stored k x m) when <paramref name="transposeA"/>; likewise for B.
    /// </summary>
    public static void Multiply(
        ReadOnlySpan<float> a, bool transposeA, ReadOnlySpan<float> b, bool transposeB, Span<float> c,
        int m, int n, int k, bool accumulate = false, ReadOnlySpan<float> bias = default, bool relu = false)
        => Multiply(a, transposeA, b, transposeB, c, m, n, k, accumulate, bias, relu, allowHelper: true);

    /// <summary>As the public overload; <paramref name="allowHelper"/> false keeps all work on the calling thread.</summary>
    internal static void Multiply(
        ReadOnlySpan<float> a, bool transposeA, ReadOnlySpan<float> b, bool transposeB, Span<float> c,
        int m, int n, int k, bool accumulate, ReadOnlySpan<float> bias, bool relu, bool allowHelper)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (a.Length < m * k) throw new ArgumentException($"A needs {m * k} values, has {a.Length}", nameof(a));
        if (b.Length < k * n) throw new ArgumentException($"B needs {k * n} values, has {b.Length}", nameof(b));
        if (c.Length < m * n) throw new ArgumentException($"C needs {m * n} values, has {c.Length}", nameof(c));
        if (!bias.IsEmpty && bias.Length < n) throw new ArgumentException($"bias needs {n} values", nameof(bias));
        if (m == 0 || n == 0)
            return;

        var call = _call ??= new GemmCall();
        unsafe
        {
            fixed (float* pa = a, pb = b, pc = c, pbias = bias)
            {
                call.Set(pa, transposeA, pb, transposeB, pc, m, n, k, accumulate, bias.IsEmpty ? null : pbias, relu);
                call.Run(helper: allowHelper && ParallelPair.Available && (long)m * n * k >= ParallelThreshold);
                call.Clear();
            }
        }
    }

    /// <summary>Tensor form: C = op(A) · op(B) with shapes taken from the tensors; C is reshaped.</summary>
    public static void Multiply(Tensor a, bool transposeA, Tensor b, bool transposeB, Tensor c, bool accumulate = false)
    {
        var (m, k) = transposeA ? (a.Cols, a.Rows) : (a.Rows, a.Cols);
        var (kb, n) = transposeB ? (b.Cols, b.Rows) : (b.Rows, b.Cols);
        if (k != kb)
            throw new ArgumentException($"inner dimensions differ: {k} vs {kb}");
        if (accumulate && (c.Rows != m || c.Cols != n))
            throw new ArgumentException($"accumulating into {c.Rows}x{c.Cols}, product is {m}x{n}");
        c.Reshape(m, n);
        Multiply(a.Span, transposeA, b.Span, transposeB, c.Span, m, n, k, accumulate);
    }
}
