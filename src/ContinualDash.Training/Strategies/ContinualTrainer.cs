using ContinualDash.Training.Benchmarks;
using ContinualDash.Training.Evaluation;
using ContinualDash.Training.Models;
using ContinualDash.Training.Optimization;

namespace ContinualDash.Training.Strategies;

/// <summary>
/// The one training loop every strategy runs on: tasks in order, epochs of seeded-shuffled batches, one
/// optimizer update per batch, plugins at fixed hook points, continual evaluation after updates.
/// Iteration t counts updates (METRICS.md S1): t = 0 is the untrained model, b_k = t after task k's last update.
/// </summary>
public sealed class ContinualTrainer(TrainerSettings settings, IReadOnlyList<ITrainingPlugin> plugins, IMetricSink sink)
{
    /// <summary>Trains <paramref name="model"/> on <paramref name="stream"/>; returns the number of updates done.</summary>
    public int Run(TaskStream stream, Sequential model, IOptimizer optimizer, CancellationToken cancellationToken = default)
    {
        var context = new TrainingContext(model, optimizer, stream, new Random(settings.Seed));
        var evaluation = new ContinualEvaluation(stream, sink, settings.EvaluationPeriod, settings.EvaluateFutureTasks, settings.EvaluationBatchSize);
        if (settings.EvaluateInitialModel)
            evaluation.EvaluateSubsets(model, 0, currentTask: 0);

        foreach (var task in stream.Tasks)
        {
            context.Task = task;
            context.TrainingData = task.Train;
            context.TrainingMasks = null;
            foreach (var plugin in plugins) plugin.BeforeTask(context);
            var order = Enumerable.Range(0, context.TrainingData.Count).ToArray();
            for (var epoch = 0; epoch < settings.Epochs; epoch++)
            {
                context.Random.Shuffle(order);
                for (var start = 0; start < order.Length; start += settings.BatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var count = Math.Min(settings.BatchSize, order.Length - start);
                    Step(context, order.AsSpan(start, count));
                    if (evaluation.IsDue(context.Iteration))
                        evaluation.EvaluateSubsets(model, context.Iteration, task.Id);
                }
            }
            foreach (var plugin in plugins) plugin.AfterTask(context);
            // R[k][i] needs an evaluation exactly at b_k even when the period skips it (METRICS.md S1).
            evaluation.EvaluateSubsets(model, context.Iteration, task.Id);
            sink.OnTaskBoundary(task.Id, context.Iteration);
            if (settings.EvaluateFullTestSets)
                evaluation.EvaluateFullTestSets(model, context.Iteration);
        }
        return context.Iteration;
    }

    private void Step(TrainingContext context, ReadOnlySpan<int> indices)
    {
        var task = context.Task;
        var batch = context.Batch;
        batch.Clear(context.Stream.FeatureSize);
        var weight = 1f / indices.Length;
        var data = context.TrainingData;
        var masks = context.TrainingMasks;
        foreach (var i in indices)
            batch.Add(data, i, weight, masks is null ? task.ClassMask : masks[i]);
        foreach (var plugin in plugins) plugin.BeforeForward(context);

        context.Logits = context.Model.Forward(batch.Features);
        context.Loss = SoftmaxCrossEntropy.Compute(context.Logits, batch.Labels, batch.Weights, batch.Masks, context.GradLogits);
        foreach (var plugin in plugins) plugin.AfterLoss(context);
        context.Model.Backward(context.GradLogits);
        foreach (var plugin in plugins) plugin.AfterBackward(context);
        context.Optimizer.Step();
        context.Iteration++;
        foreach (var plugin in plugins) plugin.AfterUpdate(context);
        sink.OnTrainingStep(new TrainingStepResult(context.Iteration, task.Id, context.Loss, context.Optimizer.LearningRate));
    }
}
