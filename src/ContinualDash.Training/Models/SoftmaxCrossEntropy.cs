using ContinualDash.Training.Numerics;

namespace ContinualDash.Training.Models;

/// <summary>
/// Weighted softmax cross-entropy on logits, computed as log-sum-exp minus the target logit with the row
/// maximum subtracted first (no overflow for large logits). A class mask restricts the softmax to some
/// outputs, which is how one shared output layer serves as one head per task in task-incremental learning.
/// </summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>
    /// Returns Σ_i w_i · CE_i over the rows of <paramref name="logits"/> and writes its gradient
    /// w_i · (softmax_i - onehot_i) into <paramref name="gradLogits"/> (reshaped to the logits' shape).
    /// Masked-out classes get probability 0 and gradient 0; a target outside the mask is an error.
    /// </summary>
    public static double Compute(Tensor logits, ReadOnlySpan<int> labels, ReadOnlySpan<float> weights,
        ReadOnlySpan<bool> classMask, Tensor? gradLogits)
        => Compute(logits, labels, weights, default, classMask, gradLogits);

    /// <summary>As the single-mask overload, with one mask per row (null: all classes), e.g. for replayed samples of other tasks.</summary>
    public static double Compute(Tensor logits, ReadOnlySpan<int> labels, ReadOnlySpan<float> weights,
        ReadOnlySpan<bool[]?> rowMasks, Tensor? gradLogits)
    {
        if (rowMasks.Length < logits.Rows)
            throw new ArgumentException($"need {logits.Rows} labels, weights and masks");
        return Compute(logits, labels, weights, rowMasks, default, gradLogits);
    }

    /// <summary>The loss with per-row masks, or with <paramref name="sharedMask"/> for every row when none are given (no allocation per call).</summary>
    private static double Compute(Tensor logits, ReadOnlySpan<int> labels, ReadOnlySpan<float> weights,
        ReadOnlySpan<bool[]?> rowMasks, ReadOnlySpan<bool> sharedMask, Tensor? gradLogits)
    {
        var n = logits.Rows;
        var classes = logits.Cols;
        if (labels.Length < n || weights.Length < n)
            throw new ArgumentException($"need {n} labels, weights and masks");
        gradLogits?.Reshape(n, classes);
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            var row = logits.Row(i);
            var y = labels[i];
            ReadOnlySpan<bool> classMask = rowMasks.IsEmpty ? sharedMask : rowMasks[i];
            total += weights[i] * RowLoss(row, y, classMask, i, out var max, out var logSum);
            if (gradLogits is null)
                continue;
            var g = gradLogits.Row(i);
            for (var j = 0; j < classes; j++)
            {
                var p = classMask.IsEmpty || classMask[j] ? Math.Exp(row[j] - max - logSum) : 0.0;
                g[j] = (float)(weights[i] * (p - (j == y ? 1.0 : 0.0)));
            }
        }
        return total;
    }

    /// <summary>
    /// Cross-entropy of one row of logits against label <paramref name="y"/> (row <paramref name="rowIndex"/>
    /// of its batch, for the error message), with the row maximum and log-sum-exp the gradient needs.
    /// </summary>
    internal static double RowLoss(ReadOnlySpan<float> row, int y, ReadOnlySpan<bool> classMask, int rowIndex,
        out float max, out double logSum)
    {
        var classes = row.Length;
        if ((uint)y >= (uint)classes || (!classMask.IsEmpty && !classMask[y]))
            throw new ArgumentException($"label {y} of row {rowIndex} is not an allowed class");
        max = float.NegativeInfinity;
        for (var j = 0; j < classes; j++)
            if ((classMask.IsEmpty || classMask[j]) && row[j] > max) max = row[j];
        double sum = 0;
        for (var j = 0; j < classes; j++)
            if (classMask.IsEmpty || classMask[j]) sum += Math.Exp(row[j] - max);
        logSum = Math.Log(sum);
        return logSum - (row[y] - max);
    }
}
