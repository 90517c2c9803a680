using System.Runtime.Intrinsics;

namespace ContinualDash.Training.Numerics;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous panel order the micro-kernel reads, zero-padding
/// partial panels, so that the kernel's inner loop is two aligned-stride loads and six broadcasts per k
/// whatever the transposes of the operands were.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Rows ic..ic+mc, columns pc..pc+kc of op(A) (m x k) into 6-row panels, k-major inside.</summary>
    public static void PackA(float* a, bool trans, int m, int k, int ic, int mc, int pc, int kc, float* dst)
    {
        for (var ir = 0; ir < mc; ir += GemmCall.Mr)
        {
            var mr = Math.Min(GemmCall.Mr, mc - ir);
            var panel = dst + ir * kc;
            for (var r = 0; r < GemmCall.Mr; r++)
            {
                if (r >= mr)
                {
                    for (var p = 0; p < kc; p++) panel[p * GemmCall.Mr + r] = 0f;
                    continue;
                }
                var row = ic + ir + r;
                if (trans)
                {
                    // op(A)(row, p) = A[p, row]: stride m through memory.
                    var src = a + (long)pc * m + row;
                    for (var p = 0; p < kc; p++) panel[p * GemmCall.Mr + r] = src[(long)p * m];
                }
                else
                {
                    var src = a + (long)row * k + pc;
                    for (var p = 0; p < kc; p++) panel[p * GemmCall.Mr + r] = src[p];
                }
            }
        }
    }

    /// <summary>Rows pc..pc+kc, columns jc..jc+nc of op(B) (k x n) into 16-column panels, k-major inside.</summary>
    public static void PackB(float* b, bool trans, int n, int k, int pc, int kc, int jc, int nc, float* dst)
    {
        for (var jr = 0; jr < nc; jr += GemmCall.Nr)
        {
            var nr = Math.Min(GemmCall.Nr, nc - jr);
            var panel = dst + jr * kc;
            var col = jc + jr;
            if (!trans && nr == GemmCall.Nr)
            {
                for (var p = 0; p < kc; p++)
                {
                    var src = b + (long)(pc + p) * n + col;
                    Vector256.Store(Vector256.Load(src), panel + p * GemmCall.Nr);
                    Vector256.Store(Vector256.Load(src + 8), panel + p * GemmCall.Nr + 8);
                }
                continue;
            }
            if (trans)
            {
                // op(B)(p, j) = B[j, p]: each column of the panel is a contiguous run of a row of B.
                for (var c = 0; c < GemmCall.Nr; c++)
                {
                    if (c >= nr)
                    {
                        for (var p = 0; p < kc; p++) panel[p * GemmCall.Nr + c] = 0f;
                        continue;
                    }
                    var src = b + (long)(col + c) * k + pc;
                    for (var p = 0; p < kc; p++) panel[p * GemmCall.Nr + c] = src[p];
                }
                continue;
            }
            for (var p = 0; p < kc; p++)
            {
                var src = b + (long)(pc + p) * n + col;
                var d = panel + p * GemmCall.Nr;
                for (var c = 0; c < GemmCall.Nr; c++) d[c] = c < nr ? src[c] : 0f;
            }
        }
    }
}
