using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;
using ContinualDash.Training.Tests.Numerics;

namespace ContinualDash.Training.Tests.Models;

public sealed class SoftmaxCrossEntropyTests
{
    [Fact]
    public void Compute_Gradient_MatchesFiniteDifferences()
    {
        var rng = new Random(2);
        var logits = new Tensor(5, 4, GemmTests.Random(rng, 20));
        int[] labels = [0, 3, 2, 1, 3];
        float[] weights = [0.1f, 0.2f, 0.3f, 0.25f, 0.15f];
        var grad = new Tensor(0, 0);

        SoftmaxCrossEntropy.Compute(logits, labels, weights, default(ReadOnlySpan<bool>), grad);

        GradientCheck.AssertMatches(() => SoftmaxCrossEntropy.Compute(logits, labels, weights, default(ReadOnlySpan<bool>), null),
            logits.Data, grad.Span.ToArray(), samples: 20, epsilon: 1e-3, tolerance: 1e-3);
    }

    [Fact]
    public void Compute_UniformLogits_IsLogOfClassCount()
    {
        var loss = SoftmaxCrossEntropy.Compute(new Tensor(1, 10), [4], [1f], default(ReadOnlySpan<bool>), null);

        Assert.Equal(Math.Log(10), loss, 9);
    }

    [Fact]
    public void Compute_HugeLogits_StaysFinite()
    {
        var logits = new Tensor(1, 3, [1000f, -1000f, 999f]);
        var grad = new Tensor(0, 0);

        var loss = SoftmaxCrossEntropy.Compute(logits, [2], [1f], default(ReadOnlySpan<bool>), grad);

        Assert.Equal(1 + Math.Log(1 + Math.Exp(-1)), loss, 6);
        Assert.All(grad.Span.ToArray(), g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void Compute_WithMask_IgnoresMaskedClasses()
    {
        var logits = new Tensor(1, 4, [0f, 50f, 0f, 0f]);
        var grad = new Tensor(0, 0);

        var loss = SoftmaxCrossEntropy.Compute(logits, [2], [1f], [false, false, true, true], grad);

        Assert.Equal(Math.Log(2), loss, 6);
        Assert.Equal([0f, 0f, -0.5f, 0.5f], grad.Span.ToArray());
    }

    [Fact]
    public void Compute_LabelOutsideMask_Throws()
    {
        Assert.Throws<ArgumentException>(() => SoftmaxCrossEntropy.Compute(new Tensor(1, 2), [0], [1f], [false, true], null));
    }
}
