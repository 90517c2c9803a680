using System.Diagnostics;
using ContinualDash.Training.Data;
using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;

/// <summary>
/// Where one 1000-row evaluation batch spends its time: the same work as <c>TaskEvaluator.Evaluate</c>, done
/// step by step with a timestamp between steps, summed over every batch of the test set and several passes.
/// </summary>
internal static class EvalProfile
{
    public static IEnumerable<(string Phase, double Share, double MicrosecondsPerBatch)> Run(LabeledImages test, int passes)
    {
        var model = MlpBuilder.Create(MlpBuilder.DefaultSizes, 0);
        var input = new Tensor(0, 0);
        var ones = Enumerable.Repeat(1f, 1000).ToArray();
        var masks = new bool[]?[1000];
        var names = new[] { "copy input", "layer 1 1000x784.784x400 +bias+ReLU", "layer 2 1000x400.400x400 +bias+ReLU", "layer 3 1000x400.400x10 +bias", "softmax cross-entropy", "argmax" };
        var ticks = new long[names.Length];
        var batches = 0;
        for (var pass = 0; pass < passes + 1; pass++)
        {
            for (var start = 0; start < test.Count; start += 1000)
            {
                var n = Math.Min(1000, test.Count - start);
                var t0 = Stopwatch.GetTimestamp();
                input.Reshape(n, test.FeatureSize);
                test.Features.AsSpan(start * test.FeatureSize, n * test.FeatureSize).CopyTo(input.Span);
                var t1 = Stopwatch.GetTimestamp();
                var h1 = model.Layers[0].Forward(input);
                var t2 = Stopwatch.GetTimestamp();
                var h2 = model.Layers[1].Forward(h1);
                var t3 = Stopwatch.GetTimestamp();
                var logits = model.Layers[2].Forward(h2);
                var t4 = Stopwatch.GetTimestamp();
                var labels = test.Labels.AsSpan(start, n);
                SoftmaxCrossEntropy.Compute(logits, labels, ones.AsSpan(0, n), masks.AsSpan(0, n), null);
                var t5 = Stopwatch.GetTimestamp();
                var correct = 0;
                for (var i = 0; i < n; i++)
                    if (Kernels.ArgMax(logits.Row(i), default) == labels[i]) correct++;
                var t6 = Stopwatch.GetTimestamp();
                if (pass == 0)
                    continue; // warm-up pass
                batches++;
                long[] stamps = [t0, t1, t2, t3, t4, t5, t6];
                for (var p = 0; p < ticks.Length; p++) ticks[p] += stamps[p + 1] - stamps[p];
            }
        }
        var total = (double)ticks.Sum();
        for (var p = 0; p < names.Length; p++)
            yield return (names[p], 100 * ticks[p] / total, ticks[p] * 1e6 / Stopwatch.Frequency / batches);
    }
}
