using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
            if (trans)
            {
                // op(A)(row, p) = A[p, row]: the panel's six values for one p are contiguous in row p of A,
                // so walk p in memory order (a walk per panel row would stride through kc rows six times).
                for (var p = 0; p < kc; p++)
                {
                    var src = a + (long)(pc + p) * m + ic + ir;
                    var d = panel + p * GemmCall.Mr;
                    for (var r = 0; r < GemmCall.Mr; r++) d[r] = r < mr ? src[r] : 0f;
                }
                continue;
            }
            var first = a + (long)(ic + ir) * k + pc;
            var done = 0;
            if (mr == GemmCall.Mr && Avx.IsSupported)
            {
                // Eight k at a time through a register transpose of the six rows (two zero rows). Each store
                // writes eight floats where six belong, and the next store overwrites the two extra ones,
                // so the loop stops while at least one more k follows.
                for (; done + 8 < kc; done += 8)
                    Transpose8x8(first + done, k, GemmCall.Mr, panel + done * GemmCall.Mr, GemmCall.Mr);
            }
            for (var r = 0; r < GemmCall.Mr; r++)
            {
                if (r >= mr)
                {
                    for (var p = done; p < kc; p++) panel[p * GemmCall.Mr + r] = 0f;
                    continue;
                }
                var src = first + (long)r * k;
                for (var p = done; p < kc; p++) panel[p * GemmCall.Mr + r] = src[p];
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
                PackTransposedPanel(b + (long)col * k + pc, k, kc, nr, panel);
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

    /// <summary>
    /// One 16-column panel of op(B) = Bᵀ: column c of the panel is the contiguous run src[c * ldb ..] of length
    /// kc. Full panels go through 8 x 8 register transposes (eight loads, 24 shuffles, eight stores per 64
    /// values) instead of 16 strided scalar writes per k.
    /// </summary>
    private static void PackTransposedPanel(float* src, int ldb, int kc, int nr, float* panel)
    {
        var p = 0;
        if (nr == GemmCall.Nr && Avx.IsSupported)
        {
            for (; p <= kc - 8; p += 8)
            {
                Transpose8x8(src + p, ldb, 8, panel + p * GemmCall.Nr, GemmCall.Nr);
                Transpose8x8(src + 8L * ldb + p, ldb, 8, panel + p * GemmCall.Nr + 8, GemmCall.Nr);
            }
        }
        for (var c = 0; c < GemmCall.Nr; c++)
        {
            var column = src + (long)c * ldb;
            for (var q = p; q < kc; q++) panel[q * GemmCall.Nr + c] = c < nr ? column[q] : 0f;
        }
    }

    /// <summary>
    /// dst[i * stride + r] = src[r * ld + i] for i in 0..7 and r below <paramref name="rows"/> (zero for the
    /// rest of the eight); each dst row is one eight-float store, written in order of i.
    /// </summary>
    private static void Transpose8x8(float* src, int ld, int rows, float* dst, int stride)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + ld);
        var r2 = Avx.LoadVector256(src + 2L * ld);
        var r3 = Avx.LoadVector256(src + 3L * ld);
        var r4 = Avx.LoadVector256(src + 4L * ld);
        var r5 = Avx.LoadVector256(src + 5L * ld);
        var r6 = rows > 6 ? Avx.LoadVector256(src + 6L * ld) : Vector256<float>.Zero;
        var r7 = rows > 7 ? Avx.LoadVector256(src + 7L * ld) : Vector256<float>.Zero;
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + stride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * stride, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * stride, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * stride, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * stride, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * stride, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * stride, Avx.Permute2x128(u3, u7, 0x31));
    }
}
