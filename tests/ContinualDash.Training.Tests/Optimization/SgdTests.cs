using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;
using ContinualDash.Training.Optimization;

namespace ContinualDash.Training.Tests.Optimization;

public sealed class SgdTests
{
    [Fact]
    public void Step_WithMomentumAndWeightDecay_FollowsPyTorchConvention()
    {
        var p = new Parameter("w", new Tensor(1, 1, [1f]));
        var sgd = new Sgd([p], learningRate: 0.1, momentum: 0.9, weightDecay: 0.5);

        p.Grad.Data[0] = 2f;
        sgd.Step();   // g = 2 + 0.5·1 = 2.5; v = 2.5; w = 1 - 0.25
        Assert.Equal(0.75f, p.Value.Data[0], 6);

        p.Grad.Data[0] = 2f;
        sgd.Step();   // g = 2 + 0.375 = 2.375; v = 0.9·2.5 + 2.375 = 4.625; w = 0.75 - 0.4625
        Assert.Equal(0.2875f, p.Value.Data[0], 5);
    }

    [Fact]
    public void Constructor_NonPositiveLearningRate_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([], 0));
    }
}
