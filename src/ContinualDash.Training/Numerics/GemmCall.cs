namespace ContinualDash.Training.Numerics;

/// <summary>
/// The arguments of one <see cref="Gemm.Multiply(ReadOnlySpan{float}, bool, ReadOnlySpan{float}, bool, Span{float}, int, int, int, bool, ReadOnlySpan{float}, bool)"/>
/// call, kept in a per-thread object with a cached delegate so that handing half of the work to the helper
/// thread allocates nothing. The pointers are only valid while the caller's <c>fixed</c> block runs.
/// </summary>
internal sealed unsafe class GemmCall
{
    public const int Mr = 6;
    public const int Nr = 16;
    private const int Kc = 320;
    private const int Mc = 96;
    private const int Nc = 1024;

    [ThreadStatic] private static float[]? _packA;
    [ThreadStatic] private static float[]? _packB;

    private float* _a, _b, _c, _bias;
    private bool _transA, _transB, _accumulate, _relu;
    private int _m, _n, _k;

    public GemmCall() => RunHalf = Half;

    /// <summary>Cached delegate running the first (0) or second (1) half of the rows or columns.</summary>
    public Action<int> RunHalf { get; }

    public void Set(float* a, bool transA, float* b, bool transB, float* c, int m, int n, int k, bool accumulate, float* bias, bool relu)
    {
        _a = a; _b = b; _c = c; _bias = bias;
        (_transA, _transB, _m, _n, _k, _accumulate, _relu) = (transA, transB, m, n, k, accumulate, relu);
    }

    public void Clear()
    {
        _a = null; _b = null; _c = null; _bias = null;
    }

    public void RunAll() => Range(0, _m, 0, _n);

    private void Half(int part)
    {
        // Each thread packs its own slice of one operand and all of the other, so split the dimension
        // whose operand is larger: rows when A (m x k) outweighs B (k x n), e.g. 1000-sample evaluation,
        // columns otherwise, e.g. a 128-sample training batch. Splits fall on tile boundaries.
        if ((long)_m * _k > (long)_k * _n && _m >= 2 * Mr)
        {
            var split = Math.Min(_m, ((_m + Mr - 1) / Mr + 1) / 2 * Mr);
            if (part == 0) Range(0, split, 0, _n);
            else Range(split, _m, 0, _n);
            return;
        }
        var panels = (_n + Nr - 1) / Nr;
        var splitN = Math.Min(_n, (panels + 1) / 2 * Nr);
        if (part == 0) Range(0, _m, 0, splitN);
        else Range(0, _m, splitN, _n);
    }

    private void Range(int rowFrom, int rowTo, int from, int to)
    {
        var packA = _packA ??= new float[Mc * Kc];
        var packB = _packB ??= new float[Kc * Nc];
        fixed (float* pa = packA, pb = packB)
        {
            for (var jc = from; jc < to; jc += Nc)
            {
                var nc = Math.Min(Nc, to - jc);
                if (_k == 0)
                {
                    ZeroK(rowFrom, rowTo, jc, nc);
                    continue;
                }
                // Equal K blocks (784 = 3 x 262, not 256 + 256 + 256 + 16): a thin last block would pay the
                // per-tile load/store overhead for almost no arithmetic.
                var blocks = (_k + Kc - 1) / Kc;
                var kBlock = (_k + blocks - 1) / blocks;
                for (var pc = 0; pc < _k; pc += kBlock)
                {
                    var kc = Math.Min(kBlock, _k - pc);
                    var first = pc == 0;
                    var last = pc + kc == _k;
                    GemmPacking.PackB(_b, _transB, _n, _k, pc, kc, jc, nc, pb);
                    for (var ic = rowFrom; ic < rowTo; ic += Mc)
                    {
                        var mc = Math.Min(Mc, rowTo - ic);
                        GemmPacking.PackA(_a, _transA, _m, _k, ic, mc, pc, kc, pa);
                        Block(pa, pb, ic, mc, jc, nc, kc, first && !_accumulate, last);
                    }
                }
            }
        }
    }

    private void Block(float* pa, float* pb, int ic, int mc, int jc, int nc, int kc, bool overwrite, bool last)
    {
        for (var jr = 0; jr < nc; jr += Nr)
        {
            var nr = Math.Min(Nr, nc - jr);
            var bPanel = pb + jr * kc;
            var bias = last && _bias is not null ? _bias + jc + jr : null;
            for (var ir = 0; ir < mc; ir += Mr)
            {
                var mr = Math.Min(Mr, mc - ir);
                var c = _c + (long)(ic + ir) * _n + jc + jr;
                GemmKernel.Tile(kc, pa + ir * kc, bPanel, c, _n, mr, nr, overwrite, bias, last && _relu);
            }
        }
    }

    private void ZeroK(int rowFrom, int rowTo, int jc, int nc)
    {
        // K = 0: the product is empty, so C is its old value (or zero) plus bias and activation.
        for (var i = rowFrom; i < rowTo; i++)
        {
            var row = new Span<float>(_c + (long)i * _n + jc, nc);
            if (!_accumulate) row.Clear();
            for (var j = 0; j < nc; j++)
            {
                var v = row[j] + (_bias is null ? 0f : _bias[jc + j]);
                row[j] = _relu && v < 0f ? 0f : v;
            }
        }
    }
}
