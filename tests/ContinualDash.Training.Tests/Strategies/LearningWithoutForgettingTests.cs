using ContinualDash.Training.Strategies;

namespace ContinualDash.Training.Tests.Strategies;

public sealed class LearningWithoutForgettingTests
{
    [Fact]
    public void AfterLoss_SameModelAsTeacher_AddsNothing()
    {
        var context = StrategyTestContext.Create(task: 0);
        var lwf = new LearningWithoutForgetting(alpha: 1);
        lwf.AfterTask(context);
        context.Task = context.Stream.Tasks[1];
        StrategyTestContext.Fill(context);
        var grad = context.GradLogits.Span.ToArray();

        lwf.AfterLoss(context);

        Assert.Equal(0, lwf.LastDistillationLoss, 9);
        Assert.Equal(grad, context.GradLogits.Span.ToArray(), (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void AfterLoss_ModelDrifted_AddsPositiveLossOnOldClassesOnly()
    {
        var context = StrategyTestContext.Create(task: 0);
        var lwf = new LearningWithoutForgetting(alpha: 1, temperature: 2);
        lwf.AfterTask(context);
        context.Task = context.Stream.Tasks[1];
        var bias = context.Model.Parameters[^1].Value.Data;
        bias[0] += 1f;
        StrategyTestContext.Fill(context);
        var grad = context.GradLogits.Span.ToArray();
        var loss = context.Loss;

        lwf.AfterLoss(context);

        Assert.True(lwf.LastDistillationLoss > 0);
        Assert.Equal(loss + lwf.LastDistillationLoss, context.Loss, 9);
        var after = context.GradLogits.Row(0).ToArray();
        Assert.True(after[0] > grad[0], "the drifted class-0 logit is pushed back down");
        Assert.Equal(grad[2..10], after[2..10]);
    }
}
