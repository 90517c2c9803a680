using ContinualDash.Training.Strategies;

namespace ContinualDash.Training.Tests.Strategies;

public sealed class SynapticIntelligenceTests
{
    [Fact]
    public void AfterUpdate_PlainSgd_AccumulatesLearningRateTimesSquaredGradient()
    {
        var context = StrategyTestContext.Create(task: 0, learningRate: 0.1);
        var si = new SynapticIntelligence(strength: 1);
        si.BeforeTask(context);
        var g = ParameterVector.Allocate(context.Model.Parameters);
        var expected = new double[g.Length];

        for (var step = 0; step < 3; step++)
        {
            StrategyTestContext.Fill(context);
            si.AfterBackward(context);
            ParameterVector.CopyGradients(context.Model.Parameters, g);
            context.Optimizer.Step();
            si.AfterUpdate(context);
            for (var i = 0; i < g.Length; i++) expected[i] += 0.1 * g[i] * g[i];
        }

        var omega = si.PathIntegral.ToArray();
        for (var i = 0; i < omega.Length; i += 97)
            Assert.Equal(expected[i], omega[i], 5);
        si.AfterTask(context);
        Assert.Contains(si.Importance.ToArray(), v => v > 0);
        Assert.All(si.Importance.ToArray(), v => Assert.True(v >= 0));
    }
}
