using ContinualDash.Training.Numerics;

namespace ContinualDash.Training.Tests.Numerics;

public sealed class KernelsTests
{
    [Fact]
    public void ReluBackward_ZeroOrNegativeOutput_ZeroesGradient()
    {
        var output = Enumerable.Range(0, 19).Select(i => (float)(i % 3 - 1)).ToArray();
        var grad = Enumerable.Repeat(2f, 19).ToArray();

        Kernels.ReluBackward(output, grad);

        for (var i = 0; i < 19; i++)
            Assert.Equal(output[i] > 0 ? 2f : 0f, grad[i]);
    }

    [Fact]
    public void ColumnSums_SumsEachColumn()
    {
        var sums = new float[3];

        Kernels.ColumnSums([1, 2, 3, 4, 5, 6], 2, 3, sums);

        Assert.Equal([5f, 7f, 9f], sums);
    }

    [Fact]
    public void ArgMax_WithMask_IgnoresMaskedOutEntries()
    {
        float[] values = [9, 1, 3, 3];

        Assert.Equal(0, Kernels.ArgMax(values, default));
        Assert.Equal(2, Kernels.ArgMax(values, [false, true, true, true]));
    }
}
