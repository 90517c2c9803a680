using ContinualDash.Training.Data;
using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;

namespace ContinualDash.Training.Evaluation;

/// <summary>
/// Accuracy and mean cross-entropy of a model on a labelled set, in forward passes of a fixed batch size
/// through reused buffers (evaluation dominates a per-iteration continual-evaluation run).
/// </summary>
public sealed class TaskEvaluator(int batchSize = 1000)
{
    private readonly Tensor _input = new(0, 0);
    private float[] _ones = [];
    private bool[]?[] _masks = [];
    private readonly Tensor _pieceLogits = new(0, 0);
    private Tensor? _stackedView;
    private int[] _correct = [];

    /// <summary>Returns (accuracy, mean loss); with a class mask, both use only the masked outputs (the task's head).</summary>
    public (double Accuracy, double Loss) Evaluate(Sequential model, LabeledImages data, bool[]? classMask)
    {
        if (data.Count == 0)
            return (double.NaN, double.NaN);
        var size = data.FeatureSize;
        EnsureBatchBuffers();
        // Per-row masks from a reused array: the single-mask overload would allocate one per call.
        Array.Fill(_masks, classMask);
        var correct = 0;
        double loss = 0;
        for (var start = 0; start < data.Count; start += batchSize)
        {
            var n = Math.Min(batchSize, data.Count - start);
            _input.Reshape(n, size);
            data.Features.AsSpan(start * size, n * size).CopyTo(_input.Span);
            var logits = model.Forward(_input);
            var labels = data.Labels.AsSpan(start, n);
            loss += SoftmaxCrossEntropy.Compute(logits, labels, _ones.AsSpan(0, n), _masks.AsSpan(0, n), null);
            for (var i = 0; i < n; i++)
                if (Kernels.ArgMax(logits.Row(i), classMask) == labels[i])
                    correct++;
        }
        return ((double)correct / data.Count, loss / data.Count);
    }

    /// <summary>
    /// (accuracy, mean loss) of each of tasks 0..<paramref name="taskCount"/>-1 on its evaluation subset, written to
    /// <paramref name="results"/>, from forward passes over the stacked subsets (no copy of the features).
    /// Every row's logits and every piece's loss are computed exactly as <see cref="Evaluate"/> computes them.
    /// </summary>
    internal void EvaluateStacked(Sequential model, StackedSubsets subsets, int taskCount, Span<(double Accuracy, double Loss)> results)
    {
        if (_correct.Length < taskCount)
            _correct = new int[taskCount];
        EnsureBatchBuffers();
        Array.Clear(_correct, 0, taskCount);
        results[..taskCount].Clear();
        var size = subsets.FeatureSize;
        var rowEnd = subsets.RowsOf(taskCount);
        var pieces = subsets.Pieces;
        var view = _stackedView ??= new Tensor(subsets.Labels.Length, size, subsets.Features);
        for (var first = 0; first < pieces.Count && pieces[first].Start < rowEnd;)
        {
            var end = subsets.PassEnd(first, rowEnd);
            var startRow = pieces[first].Start;
            var rows = pieces[end - 1].Start + pieces[end - 1].Count - startRow;
            Tensor input;
            if (startRow == 0)
                input = view.Reshape(rows, size);
            else
            {
                // Only passes after the first (more than MaxRowsPerPass rows in all) need a copy.
                input = _input.Reshape(rows, size);
                subsets.Features.AsSpan(startRow * size, rows * size).CopyTo(input.Span);
            }
            var logits = model.Forward(input);
            for (var i = first; i < end; i++)
                Score(logits, pieces[i], pieces[i].Start - startRow, subsets, results);
            first = end;
        }
        for (var t = 0; t < taskCount; t++)
        {
            var count = subsets.CountOf(t);
            results[t] = count == 0 ? (double.NaN, double.NaN) : ((double)_correct[t] / count, results[t].Loss / count);
        }
    }

    private void EnsureBatchBuffers()
    {
        if (_ones.Length >= batchSize)
            return;
        _ones = new float[batchSize];
        Array.Fill(_ones, 1f);
        _masks = new bool[]?[batchSize];
    }

    private void Score(Tensor logits, StackedSubsets.Piece piece, int firstRow, StackedSubsets subsets, Span<(double Accuracy, double Loss)> results)
    {
        var classes = logits.Cols;
        var n = piece.Count;
        _pieceLogits.Reshape(n, classes);
        logits.Data.AsSpan(firstRow * classes, n * classes).CopyTo(_pieceLogits.Span);
        var labels = subsets.Labels.AsSpan(piece.Start, n);
        var mask = subsets.ClassMasks[piece.Task];
        Array.Fill(_masks, mask, 0, n);
        results[piece.Task].Loss += SoftmaxCrossEntropy.Compute(_pieceLogits, labels, _ones.AsSpan(0, n), _masks.AsSpan(0, n), null);
        for (var i = 0; i < n; i++)
            if (Kernels.ArgMax(_pieceLogits.Row(i), mask) == labels[i])
                _correct[piece.Task]++;
    }
}
