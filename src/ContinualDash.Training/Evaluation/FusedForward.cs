using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;

namespace ContinualDash.Training.Evaluation;

/// <summary>
/// The evaluation forward pass of a stack of <see cref="Linear"/> layers, for many rows with fixed weights.
/// Per layer-by-layer <see cref="Gemm"/> call, a 1000-row batch used to pay a helper hand-off, a packing of
/// the weights and two barriers per K block (14 per batch, each waiting for the slower thread's chunk).
/// Here the weights are packed into kernel panels once per <see cref="Start"/>, and the rows are cut into
/// chunks that each thread pushes through every layer on its own: a chunk's activations stay in that
/// core's L2, the only barrier is the end of a pass, and the helper is offered once per run.
/// Every output element is summed over the same K blocks, by the same kernel, as <see cref="Gemm"/> sums
/// it, so the logits equal <see cref="Sequential.Forward"/>'s bit for bit whoever computes a chunk.
/// </summary>
internal sealed unsafe class FusedForward
{
    /// <summary>
    /// Most rows per chunk (a multiple of the kernel's 6 rows): each 16-column weight panel, streamed from L3,
    /// meets 16 row panels in L1 before the next one, and a chunk's A panels and two activation buffers
    /// (96 x 400 floats each) still fit a 512 KB L2.
    /// </summary>
    private const int ChunkRows = 96;

    /// <summary>Fewest rows per chunk near the end of a pass, where chunks shrink so both threads finish together.</summary>
    private const int TailChunkRows = 12;

    [ThreadStatic] private static float[]? _scratch;

    private readonly ChunkedWork _work;
    private Linear[] _layers = [];
    private PackedBlock[] _blocks = [];
    private int[] _chunkStart = [];
    private int[] _firstBlock = [];
    private float[] _packed = [];
    private int _maxWidth;

    // The current pass, set by the caller before it opens the pass's phase.
    private float[] _input = [];
    private float[] _logits = [];
    private int _firstRow;
    private bool _packing;
    private Action<int, int>? _rowsDone;

    public FusedForward() => _work = new ChunkedWork(RunChunk);

    /// <summary>True when every layer of <paramref name="model"/> is a <see cref="Linear"/> (with or without fused ReLU).</summary>
    public static bool Supports(Sequential model)
    {
        for (var i = 0; i < model.Layers.Count; i++)
            if (model.Layers[i] is not Linear)
                return false;
        return true;
    }

    /// <summary>
    /// Packs <paramref name="model"/>'s current weights (both threads share the work) and opens a run for
    /// about <paramref name="plannedRows"/> rows of passes; the weights must not change until <see cref="Finish"/>.
    /// </summary>
    public void Start(Sequential model, long plannedRows)
    {
        if (!Supports(model))
            throw new ArgumentException("only stacks of Linear layers have a fused forward pass", nameof(model));
        Plan(model);
        long multiplyAdds = 0;
        foreach (var layer in _layers)
            multiplyAdds += (long)layer.Inputs * layer.OutputSize;
        _work.Begin(helper: ParallelPair.Available && plannedRows * multiplyAdds >= Gemm.ParallelThreshold);
        _packing = true;
        _work.RunPhase(_blocks.Length);
        _packing = false;
    }

    /// <summary>
    /// Logits of rows <paramref name="firstRow"/>..+<paramref name="rows"/> of <paramref name="input"/> (row-major,
    /// the first layer's width) into <paramref name="logits"/> (row 0 = <paramref name="firstRow"/>); after each
    /// chunk, on the thread that computed it, <paramref name="rowsDone"/>(first, count) with pass-relative rows.
    /// </summary>
    public void Forward(float[] input, int firstRow, int rows, float[] logits, Action<int, int>? rowsDone)
    {
        var inputs = _layers[0].Inputs;
        var classes = _layers[^1].OutputSize;
        if ((long)(firstRow + rows) * inputs > input.Length)
            throw new ArgumentException($"rows {firstRow}..{firstRow + rows} are beyond the input", nameof(input));
        if ((long)rows * classes > logits.Length)
            throw new ArgumentException($"logits need {rows * classes} values", nameof(logits));
        (_input, _logits, _firstRow, _rowsDone) = (input, logits, firstRow, rowsDone);
        try
        {
            _work.RunPhase(CutChunks(rows));
        }
        finally
        {
            (_input, _logits, _rowsDone) = ([], [], null);
        }
    }

    /// <summary>Closes the run opened by <see cref="Start"/> (never throws; call it in a <c>finally</c>).</summary>
    public void Finish() => _work.End();

    private void Plan(Sequential model)
    {
        if (_layers.Length != model.Layers.Count)
        {
            _layers = new Linear[model.Layers.Count];
            _firstBlock = new int[model.Layers.Count + 1];
        }
        var blocks = 0;
        long packed = 0;
        _maxWidth = 0;
        for (var l = 0; l < _layers.Length; l++)
        {
            _layers[l] = (Linear)model.Layers[l];
            _firstBlock[l] = blocks;
            blocks += (_layers[l].Inputs + GemmCall.KBlock(_layers[l].Inputs) - 1) / GemmCall.KBlock(_layers[l].Inputs);
            _maxWidth = Math.Max(_maxWidth, _layers[l].OutputSize);
        }
        _firstBlock[^1] = blocks;
        if (_blocks.Length != blocks)
            _blocks = new PackedBlock[blocks];
        for (var l = 0; l < _layers.Length; l++)
        {
            var (k, paddedWidth) = (_layers[l].Inputs, RoundUp(_layers[l].OutputSize, GemmCall.Nr));
            var kBlock = GemmCall.KBlock(k);
            for (int b = _firstBlock[l], pc = 0; pc < k; b++, pc += kBlock)
            {
                _blocks[b] = new PackedBlock(l, pc, Math.Min(kBlock, k - pc), packed);
                packed += (long)_blocks[b].Kc * paddedWidth;
            }
        }
        if (_packed.Length < packed)
            _packed = new float[packed];
    }

    /// <summary>
    /// Cuts a pass into chunks of a quarter of the rows left (two threads, two chunks each), between
    /// <see cref="TailChunkRows"/> and <see cref="ChunkRows"/> rows: big chunks while much is left, small ones
    /// at the end, so the thread that finishes first waits for at most a small chunk. The cut depends on
    /// the row count only, and no row's result depends on it.
    /// </summary>
    private int CutChunks(int rows)
    {
        var maxChunks = (rows + TailChunkRows - 1) / TailChunkRows + 1;
        if (_chunkStart.Length < maxChunks + 1)
            _chunkStart = new int[Math.Max(maxChunks + 1, 2 * _chunkStart.Length)];
        var chunks = 0;
        for (var start = 0; start < rows; chunks++)
        {
            _chunkStart[chunks] = start;
            start += Math.Clamp(RoundUp((rows - start) / 4, GemmCall.Mr), TailChunkRows, ChunkRows);
        }
        _chunkStart[chunks] = rows;
        return chunks;
    }

    private void RunChunk(int chunk)
    {
        if (_packing)
            PackBlock(_blocks[chunk]);
        else
            ForwardChunk(_chunkStart[chunk], _chunkStart[chunk + 1] - _chunkStart[chunk]);
    }

    private void PackBlock(PackedBlock block)
    {
        var layer = _layers[block.Layer];
        fixed (float* w = layer.Weight.Value.Data, dst = _packed)
            GemmPacking.PackB(w, false, layer.OutputSize, layer.Inputs, block.Pc, block.Kc, 0, layer.OutputSize, dst + block.Offset);
    }

    /// <summary>Rows first..first+count of the pass through every layer; hidden activations live in this thread's scratch.</summary>
    private void ForwardChunk(int first, int count)
    {
        var scratch = Scratch(_maxWidth);
        fixed (float* input = _input, logits = _logits, packed = _packed, own = scratch)
        {
            var activations = own + ChunkRows * GemmCall.Kc;
            var a = input + (long)(_firstRow + first) * _layers[0].Inputs;
            for (var l = 0; l < _layers.Length; l++)
            {
                var layer = _layers[l];
                var (k, n) = (layer.Inputs, layer.OutputSize);
                // Hidden layers alternate between two row-chunk buffers; the last writes the pass's logits.
                var c = l == _layers.Length - 1 ? logits + (long)first * n : activations + (l % 2) * ChunkRows * _maxWidth;
                fixed (float* bias = layer.Bias.Value.Data)
                {
                    for (var b = _firstBlock[l]; b < _firstBlock[l + 1]; b++)
                    {
                        var block = _blocks[b];
                        var last = block.Pc + block.Kc == k;
                        GemmPacking.PackA(a, false, count, k, 0, count, block.Pc, block.Kc, own);
                        GemmKernel.Block(block.Kc, own, packed + block.Offset, c, n, count, n,
                            overwrite: block.Pc == 0, last ? bias : null, last && layer.Relu);
                    }
                }
                a = c;
            }
        }
        _rowsDone?.Invoke(first, count);
    }

    private static float[] Scratch(int maxWidth)
    {
        // A panels of one K block, then two chunk-sized activation buffers.
        var need = ChunkRows * GemmCall.Kc + 2 * ChunkRows * maxWidth;
        if (_scratch is null || _scratch.Length < need)
            _scratch = new float[need];
        return _scratch;
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>K rows Pc..Pc+Kc of layer Layer's weights, packed into 16-column panels at Offset of the packed buffer.</summary>
    private readonly record struct PackedBlock(int Layer, int Pc, int Kc, long Offset);
}
