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

    /// <summary>Returns (accuracy, mean loss); with a class mask, both use only the masked outputs (the task's head).</summary>
    public (double Accuracy, double Loss) Evaluate(Sequential model, LabeledImages data, bool[]? classMask)
    {
        if (data.Count == 0)
            return (double.NaN, double.NaN);
        var size = data.FeatureSize;
        if (_ones.Length < batchSize)
        {
            _ones = new float[batchSize];
            Array.Fill(_ones, 1f);
            _masks = new bool[]?[batchSize];
        }
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
}
