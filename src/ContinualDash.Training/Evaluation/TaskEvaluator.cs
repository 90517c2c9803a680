using ContinualDash.Training.Data;
using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;

namespace ContinualDash.Training.Evaluation;

/// <summary>
/// Accuracy and mean cross-entropy of a model on a labelled set through reused buffers (evaluation dominates
/// a per-iteration continual-evaluation run). Stacks of <see cref="Linear"/> layers run through
/// <see cref="FusedForward"/>, which scores each row (loss and hit) on the thread that computed it; other
/// models run <see cref="Sequential.Forward"/> in batches. Either way every row's logits and loss are
/// computed the same way, and losses are summed per batch of <c>batchSize</c> rows in row order, so the
/// results do not depend on the path, the thread count or how the rows are stacked.
/// </summary>
public sealed class TaskEvaluator
{
    private readonly int _batchSize;
    private readonly FusedForward _fused = new();
    private readonly Action<int, int> _scoreRows;
    private readonly Tensor _input = new(0, 0);
    private float[] _logits = [];
    private double[] _rowLoss = [];
    private bool[] _rowHit = [];
    private int[] _correct = [];

    // What scoring reads for the current pass: row i of the pass is row _firstRow + i of these.
    private int[] _labels = [];
    private bool[]?[]? _rowMasks;
    private bool[]? _sharedMask;
    private int _firstRow, _classes;

    /// <summary>An evaluator that sums the loss (and, for other than stacks of Linear layers, runs forward passes) in batches of <paramref name="batchSize"/> rows.</summary>
    public TaskEvaluator(int batchSize = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _batchSize = batchSize;
        _scoreRows = ScoreRows;
    }

    /// <summary>Returns (accuracy, mean loss); with a class mask, both use only the masked outputs (the task's head).</summary>
    public (double Accuracy, double Loss) Evaluate(Sequential model, LabeledImages data, bool[]? classMask)
    {
        if (data.Count == 0)
            return (double.NaN, double.NaN);
        var fused = Open(model, data.Count, _batchSize, data.Labels, null, classMask);
        try
        {
            var correct = 0;
            double loss = 0;
            for (var start = 0; start < data.Count; start += _batchSize)
            {
                var n = Math.Min(_batchSize, data.Count - start);
                ForwardAndScore(model, fused, data.Features, data.FeatureSize, start, n);
                loss += SumRows(0, n, ref correct);
            }
            return ((double)correct / data.Count, loss / data.Count);
        }
        finally
        {
            Close(fused);
        }
    }

    /// <summary>
    /// (accuracy, mean loss) of each of tasks 0..<paramref name="taskCount"/>-1 on its evaluation subset, written to
    /// <paramref name="results"/>, from one forward pass over the stacked subsets (no copy of the features).
    /// Every value equals what <see cref="Evaluate"/> gives for the task's subset alone.
    /// </summary>
    internal void EvaluateStacked(Sequential model, StackedSubsets subsets, int taskCount, Span<(double Accuracy, double Loss)> results)
    {
        if (_correct.Length < taskCount)
            _correct = new int[taskCount];
        Array.Clear(_correct, 0, taskCount);
        results[..taskCount].Clear();
        var rowEnd = subsets.RowsOf(taskCount);
        var fused = Open(model, rowEnd, rowEnd, subsets.Labels, subsets.Masks, null);
        try
        {
            ForwardAndScore(model, fused, subsets.Features, subsets.FeatureSize, 0, rowEnd);
            foreach (var piece in subsets.Pieces)
            {
                if (piece.Start >= rowEnd)
                    break;
                results[piece.Task].Loss += SumRows(piece.Start, piece.Count, ref _correct[piece.Task]);
            }
        }
        finally
        {
            Close(fused);
        }
        for (var t = 0; t < taskCount; t++)
        {
            var count = subsets.CountOf(t);
            results[t] = count == 0 ? (double.NaN, double.NaN) : ((double)_correct[t] / count, results[t].Loss / count);
        }
    }

    /// <summary>Sets up scoring for passes of up to <paramref name="passRows"/> rows; true when the fused path runs (then <see cref="Close"/> must follow).</summary>
    private bool Open(Sequential model, long totalRows, int passRows, int[] labels, bool[]?[]? rowMasks, bool[]? sharedMask)
    {
        _classes = model.OutputSize;
        if (_logits.Length < passRows * _classes)
            _logits = new float[passRows * _classes];
        if (_rowLoss.Length < passRows)
            (_rowLoss, _rowHit) = (new double[passRows], new bool[passRows]);
        (_labels, _rowMasks, _sharedMask) = (labels, rowMasks, sharedMask);
        if (!FusedForward.Supports(model))
            return false;
        try
        {
            _fused.Start(model, totalRows);
        }
        catch
        {
            _fused.Finish();
            throw;
        }
        return true;
    }

    private void Close(bool fused)
    {
        if (fused)
            _fused.Finish();
        (_labels, _rowMasks, _sharedMask) = ([], null, null);
    }

    /// <summary>Logits, loss and hit of rows <paramref name="first"/>..+<paramref name="rows"/> of <paramref name="features"/> into rows 0.. of the pass buffers.</summary>
    private void ForwardAndScore(Sequential model, bool fused, float[] features, int size, int first, int rows)
    {
        _firstRow = first;
        if (fused)
        {
            _fused.Forward(features, first, rows, _logits, _scoreRows);
            return;
        }
        for (var start = 0; start < rows; start += _batchSize)
        {
            var n = Math.Min(_batchSize, rows - start);
            _input.Reshape(n, size);
            features.AsSpan((first + start) * size, n * size).CopyTo(_input.Span);
            model.Forward(_input).Span.CopyTo(_logits.AsSpan(start * _classes));
            ScoreRows(start, n);
        }
    }

    /// <summary>Loss and hit of pass rows first..first+count (on whichever thread computed their logits).</summary>
    private void ScoreRows(int first, int count)
    {
        for (var i = first; i < first + count; i++)
        {
            var row = _logits.AsSpan(i * _classes, _classes);
            var label = _labels[_firstRow + i];
            var mask = _rowMasks is null ? _sharedMask : _rowMasks[_firstRow + i];
            _rowLoss[i] = SoftmaxCrossEntropy.RowLoss(row, label, mask, _firstRow + i, out _, out _);
            _rowHit[i] = Kernels.ArgMax(row, mask) == label;
        }
    }

    /// <summary>The loss sum of pass rows first..first+count in row order (as one batch of the loss), counting hits into <paramref name="correct"/>.</summary>
    private double SumRows(int first, int count, ref int correct)
    {
        double total = 0;
        for (var i = first; i < first + count; i++)
        {
            total += _rowLoss[i];
            if (_rowHit[i])
                correct++;
        }
        return total;
    }
}
