using ContinualDash.Training.Numerics;

namespace ContinualDash.Training.Tests.Numerics;

public sealed class GemmTests
{
    public static TheoryData<int, int, int, bool, bool> Shapes => new()
    {
        { 1, 1, 1, false, false },
        { 7, 5, 3, false, false },
        { 13, 17, 19, true, false },
        { 6, 16, 300, false, true },
        { 37, 33, 257, true, true },
        { 130, 200, 70, false, false },   // large enough for the two-thread path
        { 97, 401, 129, true, false },
        { 128, 784, 400, false, true },
        { 300, 40, 200, false, false },   // A larger than B: split by rows
        { 1000, 10, 400, false, true },   // row split with a single partial column panel
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_OddShapesAndTransposes_MatchesNaiveReference(int m, int n, int k, bool transA, bool transB)
    {
        var rng = new Random(m * 1000 + n * 10 + k);
        var a = Random(rng, m * k);
        var b = Random(rng, k * n);
        var c = new float[m * n];

        Gemm.Multiply(a, transA, b, transB, c, m, n, k);

        var expected = Naive(a, transA, b, transB, m, n, k);
        AssertClose(expected, c, k);
    }

    [Fact]
    public void Multiply_AccumulateWithBiasAndRelu_AddsToOldValuesThenClamps()
    {
        const int m = 11, n = 23, k = 9;
        var rng = new Random(3);
        var (a, b, bias) = (Random(rng, m * k), Random(rng, k * n), Random(rng, n));
        var old = Random(rng, m * n);
        var c = (float[])old.Clone();

        Gemm.Multiply(a, false, b, false, c, m, n, k, accumulate: true, bias: bias, relu: true);

        var product = Naive(a, false, b, false, m, n, k);
        var expected = new double[m * n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
                expected[i * n + j] = Math.Max(0, product[i * n + j] + old[i * n + j] + bias[j]);
        AssertClose(expected, c, k);
        Assert.Contains(c, v => v == 0f);
    }

    [Fact]
    public void Multiply_ZeroInnerDimension_GivesBias()
    {
        var c = new float[] { 5, 5, 5, 5 };

        Gemm.Multiply([], false, [], false, c, 2, 2, 0, bias: new float[] { 1, -2 });

        Assert.Equal([1f, -2f, 1f, -2f], c);
    }

    [Fact]
    public void Multiply_SameInputsTwice_IsBitIdentical()
    {
        var rng = new Random(9);
        var (a, b) = (Random(rng, 200 * 300), Random(rng, 300 * 250));
        var (c1, c2) = (new float[200 * 250], new float[200 * 250]);

        Gemm.Multiply(a, false, b, false, c1, 200, 250, 300);
        Gemm.Multiply(a, false, b, false, c2, 200, 250, 300);

        Assert.Equal(c1, c2);
    }

    [Theory]
    [InlineData(1000, 400, 784, false, false)]   // row chunks: B packed once and shared
    [InlineData(128, 400, 784, false, false)]    // column chunks: A packed once and shared
    [InlineData(784, 400, 128, true, false)]
    [InlineData(128, 784, 400, false, true)]
    [InlineData(301, 1100, 650, true, true)]     // two 1024-column blocks, three K blocks, partial tiles
    public void Multiply_CallerAloneOrWithHelper_IsBitIdentical(int m, int n, int k, bool transA, bool transB)
    {
        var rng = new Random(m + n + k);
        var (a, b, bias) = (Random(rng, m * k), Random(rng, k * n), Random(rng, n));
        var old = Random(rng, m * n);
        var (alone, withHelper) = ((float[])old.Clone(), (float[])old.Clone());

        Gemm.Multiply(a, transA, b, transB, alone, m, n, k, accumulate: true, bias, relu: true, allowHelper: false);
        for (var i = 0; i < 20; i++)
        {
            old.CopyTo(withHelper, 0);
            Gemm.Multiply(a, transA, b, transB, withHelper, m, n, k, accumulate: true, bias, relu: true, allowHelper: true);
            Assert.Equal(alone, withHelper);
        }
    }

    [Fact]
    public void Multiply_FromTwoThreadsAtOnce_EachGetsItsOwnProduct()
    {
        const int m = 200, n = 300, k = 250;
        var rng = new Random(5);
        var inputs = Enumerable.Range(0, 2).Select(_ => (A: Random(rng, m * k), B: Random(rng, k * n))).ToArray();
        var expected = inputs.Select(x =>
        {
            var c = new float[m * n];
            Gemm.Multiply(x.A, false, x.B, false, c, m, n, k, false, default, false, allowHelper: false);
            return c;
        }).ToArray();

        var actual = new float[2][];
        Parallel.For(0, 2, t =>
        {
            var c = new float[m * n];
            for (var i = 0; i < 50; i++)
                Gemm.Multiply(inputs[t].A, false, inputs[t].B, false, c, m, n, k);
            actual[t] = c;
        });

        Assert.Equal(expected[0], actual[0]);
        Assert.Equal(expected[1], actual[1]);
    }

    [Fact]
    public void Multiply_TooSmallOutput_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[4], false, new float[4], false, new float[3], 2, 2, 2));
        Assert.Equal("c", ex.ParamName);
    }

    internal static float[] Random(Random rng, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++) values[i] = (float)(rng.NextDouble() * 2 - 1);
        return values;
    }

    private static double[] Naive(float[] a, bool transA, float[] b, bool transB, int m, int n, int k)
    {
        var c = new double[m * n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double s = 0;
                for (var p = 0; p < k; p++)
                    s += (double)(transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
                c[i * n + j] = s;
            }
        return c;
    }

    private static void AssertClose(double[] expected, float[] actual, int k)
    {
        var tolerance = 1e-5 * Math.Sqrt(k) + 1e-6;
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {actual[i]}");
    }
}
