using ContinualDash.Training.Strategies;

namespace ContinualDash.Training.Tests.Strategies;

public sealed class OnlineEwcTests
{
    [Fact]
    public void Penalty_AtAnchor_IsZeroAndGrowsAway()
    {
        var context = StrategyTestContext.Create(task: 0);
        var ewc = new OnlineEwc(lambda: 10);
        ewc.AfterTask(context);

        Assert.Equal(0, ewc.Penalty(context));
        Assert.Contains(ewc.Fisher.ToArray(), f => f > 0);
        Assert.All(ewc.Fisher.ToArray(), f => Assert.True(f >= 0));

        foreach (var p in context.Model.Parameters)
            for (var i = 0; i < p.Value.Length; i++) p.Value.Data[i] += 0.01f;
        Assert.True(ewc.Penalty(context) > 0);
    }

    [Fact]
    public void AfterBackward_AwayFromAnchor_AddsLambdaFisherTimesDistance()
    {
        var context = StrategyTestContext.Create(task: 0);
        var ewc = new OnlineEwc(lambda: 10);
        ewc.AfterTask(context);
        var w = context.Model.Parameters[0];
        w.Value.Data[0] += 0.5f;
        StrategyTestContext.Fill(context);
        var before = w.Grad.Data[0];

        ewc.AfterBackward(context);

        Assert.Equal(before + 10 * ewc.Fisher[0] * 0.5f, w.Grad.Data[0], 4);
    }
}
