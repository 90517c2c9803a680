using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;
using ContinualDash.Training.Optimization;
using ContinualDash.Training.Tests.Numerics;

namespace ContinualDash.Training.Tests.Models;

public sealed class SequentialTests
{
    [Fact]
    public void Backward_MlpWithCrossEntropy_MatchesFiniteDifferences()
    {
        // Seeds chosen so that no hidden pre-activation lies within the finite-difference step of ReLU's kink.
        var model = MlpBuilder.Create([9, 8, 7, 4], seed: 1);
        var x = new Tensor(6, 9, GemmTests.Random(new Random(4), 54));
        int[] labels = [0, 1, 2, 3, 1, 0];
        var weights = Enumerable.Repeat(1f / 6, 6).ToArray();
        var grad = new Tensor(0, 0);
        double Loss() => SoftmaxCrossEntropy.Compute(model.Forward(x), labels, weights, default(ReadOnlySpan<bool>), null);

        SoftmaxCrossEntropy.Compute(model.Forward(x), labels, weights, default(ReadOnlySpan<bool>), grad);
        model.Backward(grad);

        foreach (var p in model.Parameters)
            GradientCheck.AssertMatches(Loss, p.Value.Data, p.Grad.Span.ToArray(), epsilon: 1e-3, tolerance: 3e-2);
    }

    [Fact]
    public void TrainingStep_PaperMlpAfterWarmUp_AllocatesNothing()
    {
        // The trainer's speed target assumes no garbage per step: forward, loss, backward and SGD reuse buffers.
        var model = MlpBuilder.Create(MlpBuilder.DefaultSizes, seed: 1);
        var sgd = new Sgd(model.Parameters, 0.01, momentum: 0.9);
        var x = new Tensor(128, 784, GemmTests.Random(new Random(2), 128 * 784));
        var labels = Enumerable.Range(0, 128).Select(i => i % 10).ToArray();
        var weights = Enumerable.Repeat(1f / 128, 128).ToArray();
        var grad = new Tensor(0, 0);
        void Step()
        {
            SoftmaxCrossEntropy.Compute(model.Forward(x), labels, weights, default(ReadOnlySpan<bool>), grad);
            model.Backward(grad);
            sgd.Step();
        }
        for (var i = 0; i < 3; i++) Step();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++) Step();

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Create_DefaultSizes_HasPaperArchitecture()
    {
        var model = MlpBuilder.Create(MlpBuilder.DefaultSizes, seed: 1);

        Assert.Equal(784 * 400 + 400 + 400 * 400 + 400 + 400 * 10 + 10, model.ParameterCount);
        Assert.Equal(10, model.OutputSize);
    }

    [Fact]
    public void Clone_ChangingCopy_LeavesOriginal()
    {
        var model = MlpBuilder.Create([3, 2], seed: 1);
        var copy = model.Clone();

        copy.Parameters[0].Value.Data[0] += 1f;

        Assert.NotEqual(model.Parameters[0].Value.Data[0], copy.Parameters[0].Value.Data[0]);
        copy.CopyParametersFrom(model);
        Assert.Equal(model.Parameters[0].Value.Data[0], copy.Parameters[0].Value.Data[0]);
    }
}
