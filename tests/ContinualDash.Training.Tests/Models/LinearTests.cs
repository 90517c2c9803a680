using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;
using ContinualDash.Training.Tests.Numerics;

namespace ContinualDash.Training.Tests.Models;

public sealed class LinearTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Backward_AnyActivation_MatchesFiniteDifferences(bool relu)
    {
        var rng = new Random(5);
        var layer = new Linear(7, 5, relu, rng);
        var x = new Tensor(4, 7, GemmTests.Random(rng, 28));
        var r = GemmTests.Random(rng, 20);
        double Loss() => GradientCheck.Project(layer.Forward(x), r);

        Loss();
        var gradIn = layer.Backward(new Tensor(4, 5, (float[])r.Clone()), needInputGradient: true)!.Span.ToArray();
        var gradW = layer.Weight.Grad.Span.ToArray();
        var gradB = layer.Bias.Grad.Span.ToArray();

        // ReLU has a kink at 0: the step must not carry a pre-activation across it (the smallest here is 0.008).
        GradientCheck.AssertMatches(Loss, layer.Weight.Value.Data, gradW, epsilon: 1e-3);
        GradientCheck.AssertMatches(Loss, layer.Bias.Value.Data, gradB, epsilon: 1e-3);
        GradientCheck.AssertMatches(Loss, x.Data, gradIn, epsilon: 1e-3);
    }

    [Fact]
    public void Constructor_SameSeed_SameWeights()
    {
        var a = new Linear(30, 20, true, new Random(1));
        var b = new Linear(30, 20, true, new Random(1));

        Assert.Equal(a.Weight.Value.Span.ToArray(), b.Weight.Value.Span.ToArray());
        Assert.All(a.Weight.Value.Span.ToArray(), v => Assert.InRange(v, -1 / Math.Sqrt(30), 1 / Math.Sqrt(30)));
    }

    [Fact]
    public void Forward_WrongInputWidth_Throws()
    {
        var layer = new Linear(3, 2, false, new Random(1));

        Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(1, 4)));
    }
}
