namespace ContinualDash.Training.Strategies;

/// <summary>
/// The upper-bound baseline: at every task, train on the union of the training data of all tasks seen so
/// far (cumulative joint training), so that nothing old is ever missing from the batches. It keeps the
/// continual-evaluation schedule of the stream, which a single joint pass over all tasks could not.
/// </summary>
public sealed class Joint : ITrainingPlugin
{
    /// <inheritdoc />
    public void BeforeTask(TrainingContext context)
    {
        var seen = context.Stream.Tasks.Take(context.Task.Id + 1).ToList();
        var size = context.Stream.FeatureSize;
        var count = seen.Sum(t => t.Train.Count);
        var features = new float[count * size];
        var labels = new int[count];
        var masks = new bool[]?[count];
        var at = 0;
        foreach (var task in seen)
        {
            task.Train.Features.AsSpan(0, task.Train.Count * size).CopyTo(features.AsSpan(at * size));
            task.Train.Labels.CopyTo(labels, at);
            masks.AsSpan(at, task.Train.Count).Fill(task.ClassMask);
            at += task.Train.Count;
        }
        var first = context.Task.Train;
        context.TrainingData = new Data.LabeledImages(features, labels, first.Height, first.Width);
        context.TrainingMasks = masks;
    }
}
