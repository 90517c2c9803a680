using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;
using ContinualDash.Training.Optimization;

namespace ContinualDash.Training.Tests.Optimization;

public sealed class AdamTests
{
    [Fact]
    public void Step_First_MovesByLearningRateAgainstGradientSign()
    {
        var p = new Parameter("w", new Tensor(1, 2, [1f, 1f]));
        var adam = new Adam([p], learningRate: 0.01);
        p.Grad.Data[0] = 3f;
        p.Grad.Data[1] = -0.001f;

        adam.Step();

        Assert.Equal(0.99f, p.Value.Data[0], 5);
        Assert.Equal(1.01f, p.Value.Data[1], 4);
    }

    [Fact]
    public void Step_MinimisesQuadratic()
    {
        var p = new Parameter("w", new Tensor(1, 1, [5f]));
        var adam = new Adam([p], learningRate: 0.1);

        for (var i = 0; i < 500; i++)
        {
            p.Grad.Data[0] = 2 * (p.Value.Data[0] - 2);
            adam.Step();
        }

        Assert.Equal(2f, p.Value.Data[0], 1);
    }
}
