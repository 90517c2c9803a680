using ContinualDash.Training.Models;
using ContinualDash.Training.Optimization;
using ContinualDash.Training.Strategies;

namespace ContinualDash.Training.Tests.Strategies;

/// <summary>A context on the tiny split stream with one batch of the given task, forward and backward done.</summary>
internal static class StrategyTestContext
{
    public static TrainingContext Create(int task, double learningRate = 0.1, int batch = 8)
    {
        var stream = StreamFixture.Split();
        var model = MlpBuilder.Create([16, 12, 10], 0);
        var context = new TrainingContext(model, new Sgd(model.Parameters, learningRate), stream, new Random(1)) { Task = stream.Tasks[task] };
        Fill(context, batch);
        return context;
    }

    /// <summary>Loads a fresh batch of the current task and runs forward, loss and backward as the loop does.</summary>
    public static void Fill(TrainingContext context, int batch = 8)
    {
        context.Batch.Clear(context.Stream.FeatureSize);
        for (var i = 0; i < batch; i++)
            context.Batch.Add(context.Task.Train, (i * 5 + context.Iteration) % context.Task.Train.Count, 1f / batch, null);
        context.Loss = context.ComputeGradients(context.Batch);
        context.Logits = context.Model.Forward(context.Batch.Features);
        SoftmaxCrossEntropy.Compute(context.Logits, context.Batch.Labels, context.Batch.Weights, context.Batch.Masks, context.GradLogits);
    }
}
