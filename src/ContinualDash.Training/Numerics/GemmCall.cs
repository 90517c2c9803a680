namespace ContinualDash.Training.Numerics;

/// <summary>
/// One <see cref="Gemm"/> call, run in phases: per block of K (and of 1024 columns), the caller packs the
/// smaller operand once into a buffer both threads read, then the larger operand is cut into chunks (row
/// groups of op(A) or column panels of op(B)) that the caller and the helper thread claim one at a time,
/// each packing its own slice. Nothing is packed twice, and a helper that the scheduler has not woken yet
/// costs nothing: the caller simply claims every chunk itself. Every output element is summed over the
/// same K blocks in the same order whoever computes it, so the result is identical with one or two threads.
/// The pointers are only valid while the caller's <c>fixed</c> block runs; <see cref="ChunkedWork"/> lets the
/// helper touch them only while it runs a chunk of the current phase.
/// </summary>
internal sealed unsafe partial class GemmCall
{
    public const int Mr = 6;
    public const int Nr = 16;
    public const int Kc = 320;
    private const int Mc = 96;
    private const int Nc = 1024;
    private const int PanelsPerPackChunk = 4;
    private const int MaxSharedRows = 384;

    [ThreadStatic] private static float[]? _chunkBuffer;

    private float[] _shared = [];
    private float* _a, _b, _c, _bias;
    private bool _transA, _transB, _accumulate, _relu, _splitRows;
    private int _m, _n, _k;

    // Parameters of the current phase, written by the caller before it opens the phase.
    private float* _sharedPanels;
    private int _jc, _nc, _pc, _kc, _chunkSize;
    private bool _overwrite, _last, _packing;

    private readonly ChunkedWork _work;

    public GemmCall() => _work = new ChunkedWork(RunChunk);

    public void Set(float* a, bool transA, float* b, bool transB, float* c, int m, int n, int k, bool accumulate, float* bias, bool relu)
    {
        _a = a; _b = b; _c = c; _bias = bias;
        (_transA, _transB, _m, _n, _k, _accumulate, _relu) = (transA, transB, m, n, k, accumulate, relu);
        // Split the dimension of the larger operand, so the shared one is the cheaper to pack once: rows for
        // a 1000-sample evaluation batch (A is 1000 x 784), columns for a 128-sample training batch. Shared
        // A panels of more than MaxSharedRows rows would no longer stay in L2 while the columns stream past.
        _splitRows = (long)m * k > (long)k * n || m > MaxSharedRows;
    }

    /// <summary>
    /// Runs every phase on the calling thread, with the helper joining when <paramref name="helper"/> is set
    /// and it gets a core in time.
    /// </summary>
    public void Run(bool helper)
    {
        _work.Begin(helper);
        fixed (float* shared = EnsureShared())
        {
            try
            {
                for (var jc = 0; jc < _n; jc += Nc)
                {
                    var nc = Math.Min(Nc, _n - jc);
                    if (_k == 0)
                    {
                        ZeroK(jc, nc);
                        continue;
                    }
                    var kBlock = KBlock(_k);
                    for (var pc = 0; pc < _k; pc += kBlock)
                        RunPhase(shared, jc, nc, pc, Math.Min(kBlock, _k - pc));
                }
            }
            finally
            {
                _work.End();
            }
        }
    }

    public void Clear()
    {
        _a = null; _b = null; _c = null; _bias = null; _sharedPanels = null;
    }

    private void RunPhase(float* shared, int jc, int nc, int pc, int kc)
    {
        (_jc, _nc, _pc, _kc) = (jc, nc, pc, kc);
        _sharedPanels = shared;
        (_overwrite, _last) = (pc == 0 && !_accumulate, pc + kc == _k);
        // First both threads pack the shared operand's panels, then both compute chunks of the other.
        _packing = true;
        _chunkSize = _splitRows ? PanelsPerPackChunk * Nr : PanelsPerPackChunk * Mr;
        RunChunks(_splitRows ? nc : _m);
        _packing = false;
        _chunkSize = _splitRows ? RowChunk(_m) : ColumnChunk(nc);
        RunChunks(_splitRows ? _m : nc);
    }

    private void RunChunks(int extent) => _work.RunPhase((extent + _chunkSize - 1) / _chunkSize);

    /// <summary>
    /// Length of the K blocks a product with inner dimension <paramref name="k"/> is summed in (the last may
    /// be shorter). Equal blocks (784 = 3 x 262, not 320 + 320 + 144): a thin last block would pay the
    /// per-tile load/store overhead for almost no arithmetic. Anything that must reproduce a product bit for
    /// bit sums over the same blocks.
    /// </summary>
    public static int KBlock(int k)
    {
        var blocks = Math.Max(1, (k + Kc - 1) / Kc);
        return (k + blocks - 1) / blocks;
    }

    private float[] EnsureShared()
    {
        // Row split: a K block of op(B) (kc x nc); column split: a K block of all of op(A) (m x kc).
        var rowsOrCols = _splitRows ? Math.Min(Nc, RoundUp(_n, Nr)) : RoundUp(_m, Mr);
        var need = Math.Min(Kc, Math.Max(_k, 1)) * rowsOrCols;
        if (_shared.Length < need)
            _shared = new float[need];
        return _shared;
    }

    private static int RowChunk(int m) => Math.Clamp(RoundUp((m + 7) / 8, Mr), Mr, Mc);

    private static int ColumnChunk(int nc) => Math.Clamp(RoundUp((nc + 7) / 8, Nr), Nr, 4 * Nr);

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
