using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;
using ContinualDash.Training.Tests.Numerics;

namespace ContinualDash.Training.Tests.Models;

public sealed class ReluTests
{
    [Fact]
    public void Backward_MatchesFiniteDifferences()
    {
        var rng = new Random(8);
        var relu = new Relu(6);
        var x = new Tensor(3, 6, GemmTests.Random(rng, 18));
        var r = GemmTests.Random(rng, 18);
        double Loss() => GradientCheck.Project(relu.Forward(x), r);

        Loss();
        var grad = relu.Backward(new Tensor(3, 6, (float[])r.Clone()), true)!.Span.ToArray();

        GradientCheck.AssertMatches(Loss, x.Data, grad, epsilon: 1e-3);
        Assert.Equal(x.Data.Select(v => Math.Max(v, 0f)), relu.Forward(x).Span.ToArray());
    }
}
