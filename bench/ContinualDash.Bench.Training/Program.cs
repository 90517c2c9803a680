using System.Diagnostics;
using System.Globalization;
using ContinualDash.Training.Data;
using ContinualDash.Training.Evaluation;
using ContinualDash.Training.Experiments;
using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;
using ContinualDash.Training.Optimization;

// Lines printed as "name<TAB>value<TAB>unit" so that bench/training/run.sh can put them next to PyTorch's.
// usage: ContinualDash.Bench.Training [--data DIR] [--repeats N] [--skip-er] [--gemm-only | --eval-only]
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var dataDir = Option("--data") ?? ImageDatasetFiles.DefaultDirectory;
var repeats = int.Parse(Option("--repeats") ?? "5", CultureInfo.InvariantCulture);
var skipEr = args.Contains("--skip-er");
var gemmOnly = args.Contains("--gemm-only");
var evalOnly = args.Contains("--eval-only");
var (train, test) = ImageDatasetFiles.Load(dataDir);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

static double Median(List<double> xs) { xs.Sort(); return xs[xs.Count / 2]; }
void Report(string name, double value, string unit) => Console.WriteLine($"{name}\t{value.ToString(unit == "x" ? "F2" : "F1")}\t{unit}");

// Matrix multiply shapes of one training step and the 2048^3 ceiling shape.
if (!evalOnly)
foreach (var (m, n, k, ta, tb, name) in new[]
{
    (2048, 2048, 2048, false, false, "gemm 2048x2048x2048"),
    (128, 400, 784, false, false, "gemm fwd 128x784.784x400"),
    (784, 400, 128, true, false, "gemm dW 784x128.128x400"),
    (128, 784, 400, false, true, "gemm dX 128x400.400x784"),
    (1000, 400, 784, false, false, "gemm eval 1000x784.784x400"),
})
{
    var rng = new Random(1);
    var a = new float[m * k]; var b = new float[k * n]; var c = new float[m * n];
    for (var i = 0; i < a.Length; i++) a[i] = (float)rng.NextDouble();
    for (var i = 0; i < b.Length; i++) b[i] = (float)rng.NextDouble();
    var flops = 2.0 * m * n * k;
    var reps = Math.Max(3, (int)(2e10 / flops));
    Gemm.Multiply(a, ta, b, tb, c, m, n, k);
    var times = new List<double>();
    for (var r = 0; r < repeats; r++)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < reps; i++) Gemm.Multiply(a, ta, b, tb, c, m, n, k);
        times.Add(sw.Elapsed.TotalSeconds / reps);
    }
    Report(name, flops / Median(times) / 1e9, "GFLOP/s");
}

if (gemmOnly)
    return;

// Training steps: MLP 784-400-400-10, SGD lr 0.01, batch 128, consecutive Fashion-MNIST batches.
if (!evalOnly)
{
    var model = MlpBuilder.Create(MlpBuilder.DefaultSizes, 0);
    var sgd = new Sgd(model.Parameters, 0.01);
    var x = new Tensor(128, 784);
    var grad = new Tensor(0, 0);
    var weights = Enumerable.Repeat(1f / 128, 128).ToArray();
    var labels = new int[128];
    var offset = 0;
    void Step()
    {
        train.Features.AsSpan(offset * 784, 128 * 784).CopyTo(x.Span);
        train.Labels.AsSpan(offset, 128).CopyTo(labels);
        offset = (offset + 128) % (train.Count - 128);
        SoftmaxCrossEntropy.Compute(model.Forward(x), labels, weights, default(ReadOnlySpan<bool>), grad);
        model.Backward(grad);
        sgd.Step();
    }
    for (var i = 0; i < 50; i++) Step();
    var rates = new List<double>();
    for (var r = 0; r < repeats; r++)
    {
        var sw = Stopwatch.StartNew();
        const int steps = 300;
        for (var i = 0; i < steps; i++) Step();
        rates.Add(steps / sw.Elapsed.TotalSeconds);
    }
    Report("train steps (batch 128)", Median(rates), "steps/s");

    // Where a step's time goes (wall clock per phase over 300 steps) and what it allocates.
    var phases = new long[4];
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    for (var i = 0; i < 300; i++)
    {
        train.Features.AsSpan(offset * 784, 128 * 784).CopyTo(x.Span);
        train.Labels.AsSpan(offset, 128).CopyTo(labels);
        offset = (offset + 128) % (train.Count - 128);
        var t0 = Stopwatch.GetTimestamp();
        var logits = model.Forward(x);
        var t1 = Stopwatch.GetTimestamp();
        SoftmaxCrossEntropy.Compute(logits, labels, weights, default(ReadOnlySpan<bool>), grad);
        var t2 = Stopwatch.GetTimestamp();
        model.Backward(grad);
        var t3 = Stopwatch.GetTimestamp();
        sgd.Step();
        var t4 = Stopwatch.GetTimestamp();
        (phases[0], phases[1], phases[2], phases[3]) = (phases[0] + t1 - t0, phases[1] + t2 - t1, phases[2] + t3 - t2, phases[3] + t4 - t3);
    }
    allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
    var total = (double)phases.Sum();
    foreach (var (phase, ticks) in new[] { "forward (3 GEMMs, bias+ReLU fused)", "softmax cross-entropy", "backward (5 GEMMs, ReLU masks, bias sums)", "SGD update" }.Zip(phases))
        Report($"step share: {phase}", 100 * ticks / total, "%");
    Report("step allocation", allocated / 300.0, "bytes/step");
}

// Evaluation: forward + accuracy + loss on the test set, batch 1000. TaskEvaluator's fused path and the
// layer-by-layer path it replaced alternate pass by pass in this process, so both see the same load.
{
    var model = MlpBuilder.Create(MlpBuilder.DefaultSizes, 0);
    var evaluator = new TaskEvaluator(1000);
    var layered = new EvalProfile(model, test);
    for (var i = 0; i < 3; i++)
    {
        evaluator.Evaluate(model, test, null);
        layered.Pass();
    }
    layered.Reset();
    List<double> fused = [], byLayer = [], ratios = [];
    for (var r = 0; r < 3 * repeats; r++)
    {
        var sw = Stopwatch.StartNew();
        evaluator.Evaluate(model, test, null);
        fused.Add(test.Count / sw.Elapsed.TotalSeconds);
        byLayer.Add(test.Count / layered.Pass());
        ratios.Add(fused[^1] / byLayer[^1]);
    }
    Report("eval samples (batch 1000)", Median(fused), "samples/s");
    Report("eval samples, layer by layer (pass 2 path)", Median(byLayer), "samples/s");
    Report("eval fused / layer by layer, median of pairs", Median(ratios), "x");
    var total = (double)layered.Ticks.Sum();
    for (var p = 0; p < EvalProfile.Phases.Length; p++)
    {
        Report($"eval share (layer by layer): {EvalProfile.Phases[p]}", 100 * layered.Ticks[p] / total, "%");
        Report($"eval time (layer by layer): {EvalProfile.Phases[p]}", layered.Ticks[p] * 1e6 / Stopwatch.Frequency / layered.Batches, "us/batch");
    }
}

// The full ER Split-Fashion-MNIST run of docs/STABILITY-GAP.md, per-iteration evaluation of 1000 samples per seen task.
if (!skipEr && !evalOnly)
{
    var spec = new ExperimentSpec { Strategy = "er", DataDirectory = dataDir };
    var sw = Stopwatch.StartNew();
    var profile = new ProfilingSink();
    ExperimentRunner.Run(spec, train, test, profile);
    Report("ER split-fmnist full run", sw.Elapsed.TotalSeconds, "s");
    Report("  of which training (forward, backward, update, replay)", profile.Training.TotalSeconds, "s");
    Report("  of which per-iteration subset evaluation", profile.SubsetEvaluation.TotalSeconds, "s");
    Report("  of which full test sets at boundaries", profile.FullTestEvaluation.TotalSeconds, "s");
}
