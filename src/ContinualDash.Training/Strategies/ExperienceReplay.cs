namespace ContinualDash.Training.Strategies;

/// <summary>
/// Experience replay: every batch of new samples gets <c>replayBatchSize</c> samples drawn without
/// replacement from the memory, and the loss becomes newWeight · mean CE(new) + (1 - newWeight) · mean
/// CE(replay). Defaults reproduce the paper's Split-MNIST ER (memory 2000 class-balanced, 256 + 256, 0.3/0.7).
/// While the memory is empty (the first task) the loss is the plain mean over the new samples.
/// </summary>
public sealed class ExperienceReplay : ITrainingPlugin
{
    private readonly int _replayBatchSize;
    private readonly float _newWeight;
    private readonly ReplaySelection _selection;
    private int[] _indices = [];
    private int _newCount;

    /// <summary>Creates the plugin; arguments are validated by the experiment spec.</summary>
    public ExperienceReplay(int memorySize, int featureSize, int replayBatchSize = 256, double newSampleWeight = 0.3,
        ReplaySelection selection = ReplaySelection.ClassBalanced)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(replayBatchSize);
        if (newSampleWeight is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(newSampleWeight), "must be in [0, 1]");
        Memory = new ReplayMemory(memorySize, featureSize);
        _replayBatchSize = replayBatchSize;
        _newWeight = (float)newSampleWeight;
        _selection = selection;
    }

    /// <summary>The samples kept for replay.</summary>
    public ReplayMemory Memory { get; }

    /// <inheritdoc />
    public void BeforeForward(TrainingContext context)
    {
        var batch = context.Batch;
        _newCount = batch.Count;
        if (Memory.Count == 0)
            return;
        var take = Math.Min(_replayBatchSize, Memory.Count);
        if (_indices.Length != Memory.Count)
            _indices = [.. Enumerable.Range(0, Memory.Count)];
        // Partial Fisher-Yates: the first `take` entries become a uniform sample without replacement.
        for (var i = 0; i < take; i++)
        {
            var j = context.Random.Next(i, _indices.Length);
            (_indices[i], _indices[j]) = (_indices[j], _indices[i]);
        }
        var replayWeight = (1f - _newWeight) / take;
        for (var i = 0; i < take; i++)
        {
            var m = _indices[i];
            batch.Add(Memory.Features(m), Memory.Label(m), replayWeight, context.Stream.Tasks[Memory.Task(m)].ClassMask);
        }
        batch.SetWeights(0, _newCount, _newWeight / _newCount);
    }

    /// <inheritdoc />
    public void AfterUpdate(TrainingContext context)
    {
        if (_selection != ReplaySelection.Reservoir)
            return;
        var batch = context.Batch;
        for (var i = 0; i < _newCount; i++)
            Memory.AddReservoir(batch.Features.Row(i), batch.Labels[i], context.Task.Id, context.Random);
    }

    /// <inheritdoc />
    public void AfterTask(TrainingContext context)
    {
        if (_selection == ReplaySelection.ClassBalanced)
            Memory.RefillBalanced(context.Task.Train, context.Task.Id, context.Random);
    }
}
