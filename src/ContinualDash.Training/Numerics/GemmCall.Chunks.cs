namespace ContinualDash.Training.Numerics;

/// <summary>The work of one chunk of a phase: pack this chunk's slice of the split operand, then run its tiles.</summary>
internal sealed unsafe partial class GemmCall
{
    private void RunChunk(int chunk)
    {
        if (_packing)
        {
            PackSharedChunk(chunk * _chunkSize);
            return;
        }
        var buffer = _chunkBuffer ??= new float[Mc * Kc];
        fixed (float* own = buffer)
        {
            var start = chunk * _chunkSize;
            if (_splitRows)
            {
                var mc = Math.Min(_chunkSize, _m - start);
                GemmPacking.PackA(_a, _transA, _m, _k, start, mc, _pc, _kc, own);
                Block(own, _sharedPanels, start, mc, _jc, _nc);
            }
            else
            {
                var nc = Math.Min(_chunkSize, _nc - start);
                GemmPacking.PackB(_b, _transB, _n, _k, _pc, _kc, _jc + start, nc, own);
                Block(_sharedPanels, own, 0, _m, _jc + start, nc);
            }
        }
    }

    private void PackSharedChunk(int start)
    {
        // Panels are kc floats per row or column apart, so a chunk's panels start at start x kc.
        var dst = _sharedPanels + (long)start * _kc;
        if (_splitRows)
            GemmPacking.PackB(_b, _transB, _n, _k, _pc, _kc, _jc + start, Math.Min(_chunkSize, _nc - start), dst);
        else
            GemmPacking.PackA(_a, _transA, _m, _k, start, Math.Min(_chunkSize, _m - start), _pc, _kc, dst);
    }

    /// <summary>Rows ic..ic+mc by columns jc..jc+nc of C from packed A panels (row ic first) and packed B panels (column jc first).</summary>
    private void Block(float* pa, float* pb, int ic, int mc, int jc, int nc)
        => GemmKernel.Block(_kc, pa, pb, _c + (long)ic * _n + jc, _n, mc, nc, _overwrite,
            _last && _bias is not null ? _bias + jc : null, _last && _relu);

    private void ZeroK(int jc, int nc)
    {
        // K = 0: the product is empty, so C is its old value (or zero) plus bias and activation.
        for (var i = 0; i < _m; i++)
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
