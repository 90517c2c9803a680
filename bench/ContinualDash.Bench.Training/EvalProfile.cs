using System.Diagnostics;
using ContinualDash.Training.Data;
using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;

/// <summary>
/// The evaluation pass as it ran before the fused forward (performance pass 2): per 1000-row batch, copy the
/// input, three layer-by-layer <see cref="Gemm"/> products (bias and ReLU fused into their stores), softmax
/// cross-entropy, arg-max. Timed step by step, so the same run can show both where that path's time goes
/// and how it compares with <c>TaskEvaluator</c>'s fused path.
/// </summary>
internal sealed class EvalProfile(Sequential model, LabeledImages test)
{
    public static readonly string[] Phases =
    [
        "copy input", "layer 1 1000x784.784x400 +bias+ReLU", "layer 2 1000x400.400x400 +bias+ReLU",
        "layer 3 1000x400.400x10 +bias", "softmax cross-entropy", "argmax",
    ];

    private readonly Tensor _input = new(0, 0);
    private readonly float[] _ones = Enumerable.Repeat(1f, 1000).ToArray();
    private readonly bool[]?[] _masks = new bool[]?[1000];

    /// <summary>Ticks per phase summed over every pass run so far.</summary>
    public long[] Ticks { get; } = new long[Phases.Length];

    /// <summary>Batches run so far.</summary>
    public int Batches { get; private set; }

    /// <summary>One pass over the test set in batches of 1000; returns its wall time in seconds.</summary>
    public double Pass()
    {
        var started = Stopwatch.GetTimestamp();
        for (var start = 0; start < test.Count; start += 1000)
        {
            var n = Math.Min(1000, test.Count - start);
            var t0 = Stopwatch.GetTimestamp();
            _input.Reshape(n, test.FeatureSize);
            test.Features.AsSpan(start * test.FeatureSize, n * test.FeatureSize).CopyTo(_input.Span);
            var t1 = Stopwatch.GetTimestamp();
            var h1 = model.Layers[0].Forward(_input);
            var t2 = Stopwatch.GetTimestamp();
            var h2 = model.Layers[1].Forward(h1);
            var t3 = Stopwatch.GetTimestamp();
            var logits = model.Layers[2].Forward(h2);
            var t4 = Stopwatch.GetTimestamp();
            var labels = test.Labels.AsSpan(start, n);
            SoftmaxCrossEntropy.Compute(logits, labels, _ones.AsSpan(0, n), _masks.AsSpan(0, n), null);
            var t5 = Stopwatch.GetTimestamp();
            var correct = 0;
            for (var i = 0; i < n; i++)
                if (Kernels.ArgMax(logits.Row(i), default) == labels[i]) correct++;
            var t6 = Stopwatch.GetTimestamp();
            (Ticks[0], Ticks[1], Ticks[2]) = (Ticks[0] + t1 - t0, Ticks[1] + t2 - t1, Ticks[2] + t3 - t2);
            (Ticks[3], Ticks[4], Ticks[5]) = (Ticks[3] + t4 - t3, Ticks[4] + t5 - t4, Ticks[5] + t6 - t5);
            Batches++;
        }
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Clears the phase sums (after warm-up).</summary>
    public void Reset()
    {
        Array.Clear(Ticks);
        Batches = 0;
    }
}
