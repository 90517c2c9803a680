using ContinualDash.Training.Benchmarks;

namespace ContinualDash.Training.Evaluation;

/// <summary>
/// Every task's fixed evaluation subset concatenated once, in task order, so that the seen tasks at any
/// iteration are a prefix of one feature array. Per-iteration evaluation then runs one forward pass over
/// thousands of rows instead of one 1000-row call per task: the weights are packed and the helper thread
/// is handed the work once per evaluation instead of once per task (<see cref="FusedForward"/>).
/// </summary>
internal sealed class StackedSubsets
{
    private readonly int[] _taskStart;

    public StackedSubsets(IReadOnlyList<ContinualTask> tasks, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        FeatureSize = tasks.Count == 0 ? 0 : tasks[0].EvaluationSubset.FeatureSize;
        var rows = tasks.Sum(t => t.EvaluationSubset.Count);
        Features = new float[rows * FeatureSize];
        Labels = new int[rows];
        Masks = new bool[]?[rows];
        _taskStart = new int[tasks.Count + 1];
        var pieces = new List<Piece>();
        var row = 0;
        for (var t = 0; t < tasks.Count; t++)
        {
            var subset = tasks[t].EvaluationSubset;
            if (subset.FeatureSize != FeatureSize)
                throw new ArgumentException($"task {t} has {subset.FeatureSize} features, task 0 has {FeatureSize}", nameof(tasks));
            _taskStart[t] = row;
            subset.Features.CopyTo(Features, row * FeatureSize);
            subset.Labels.CopyTo(Labels, row);
            Array.Fill(Masks, tasks[t].ClassMask, row, subset.Count);
            // Loss is summed per batchSize piece exactly as a per-task evaluation in batches would, so the
            // stacked pass reproduces the per-task numbers bit for bit.
            for (var start = 0; start < subset.Count; start += batchSize)
                pieces.Add(new Piece(t, row + start, Math.Min(batchSize, subset.Count - start)));
            row += subset.Count;
        }
        _taskStart[tasks.Count] = row;
        Pieces = pieces;
    }

    /// <summary>Features per row.</summary>
    public int FeatureSize { get; }

    /// <summary>All subsets' features, task after task, one row per image.</summary>
    public float[] Features { get; }

    /// <summary>All subsets' labels, aligned with <see cref="Features"/>.</summary>
    public int[] Labels { get; }

    /// <summary>Each row's task head mask (null: all outputs).</summary>
    public bool[]?[] Masks { get; }

    /// <summary>Consecutive loss-summation pieces covering every row, in row order.</summary>
    public IReadOnlyList<Piece> Pieces { get; }

    /// <summary>Number of rows in tasks 0..<paramref name="taskCount"/>-1.</summary>
    public int RowsOf(int taskCount) => _taskStart[taskCount];

    /// <summary>Number of rows of task <paramref name="task"/>.</summary>
    public int CountOf(int task) => _taskStart[task + 1] - _taskStart[task];

    /// <summary>Rows <c>Start..Start+Count</c> of task <c>Task</c>, summed as one loss term.</summary>
    internal readonly record struct Piece(int Task, int Start, int Count);
}
