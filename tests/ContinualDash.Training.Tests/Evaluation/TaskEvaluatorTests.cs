using ContinualDash.Training.Benchmarks;
using ContinualDash.Training.Evaluation;
using ContinualDash.Training.Data;
using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;
using ContinualDash.Training.Tests.Strategies;

namespace ContinualDash.Training.Tests.Evaluation;

public sealed class TaskEvaluatorTests
{
    [Theory]
    [InlineData(Scenario.ClassIncremental, 7, 5)]
    [InlineData(Scenario.TaskIncremental, 7, 3)]
    [InlineData(Scenario.ClassIncremental, 4, 1)]
    public void EvaluateStacked_SeenTaskPrefix_EqualsPerTaskEvaluationBitForBit(Scenario scenario, int batchSize, int seen)
    {
        // Subsets of 12 with batches of 7 or 4 span several loss pieces per task.
        var stream = StreamFixture.Split(scenario, evalSubset: 12);
        var model = MlpBuilder.Create([16, 9, 10], 5);
        var subsets = new StackedSubsets(stream.Tasks, batchSize);
        var stacked = new (double Accuracy, double Loss)[stream.Tasks.Count];

        new TaskEvaluator(batchSize).EvaluateStacked(model, subsets, seen, stacked);

        var perTask = new TaskEvaluator(batchSize);
        for (var t = 0; t < seen; t++)
        {
            var task = stream.Tasks[t];
            Assert.Equal(perTask.Evaluate(model, task.EvaluationSubset, task.ClassMask), stacked[t]);
        }
        Assert.All(stacked[seen..], r => Assert.Equal(default, r));
    }

    [Fact]
    public void EvaluateStacked_TenThousandRows_EqualsPerTaskEvaluation()
    {
        // 5 tasks x 2000 rows in one pass of many chunks, both threads taking part.
        var stream = SplitBenchmark.Create(TestImages.Create(20), TestImages.Create(1000, seed: 3), 5,
            Scenario.ClassIncremental, null, false, 2000, seed: 0);
        var model = MlpBuilder.Create([16, 9, 10], 2);
        var subsets = new StackedSubsets(stream.Tasks, 1000);
        var stacked = new (double Accuracy, double Loss)[5];

        new TaskEvaluator(1000).EvaluateStacked(model, subsets, 5, stacked);

        Assert.Equal(10_000, subsets.RowsOf(5));
        var perTask = new TaskEvaluator(1000);
        for (var t = 0; t < 5; t++)
            Assert.Equal(perTask.Evaluate(model, stream.Tasks[t].EvaluationSubset, stream.Tasks[t].ClassMask), stacked[t]);
    }

    [Theory]
    [InlineData(false, false)]  // a stack of Linear layers: the fused path
    [InlineData(false, true)]
    [InlineData(true, false)]   // a standalone ReLU layer: batches through Sequential.Forward
    public void Evaluate_AnyModel_EqualsForwardAndLossBatchByBatch(bool standaloneRelu, bool headMask)
    {
        var data = TestImages.Create(37, side: 6, seed: 4);  // 370 rows: batches of 100 and a last one of 70
        var rng = new Random(5);
        var model = standaloneRelu
            ? new Sequential([new Linear(36, 20, relu: false, rng), new Relu(20), new Linear(20, 10, relu: false, rng)], 36)
            : MlpBuilder.Create([36, 20, 10], seed: 5);
        bool[]? mask = headMask ? [.. Enumerable.Range(0, 10).Select(c => c % 2 == 0)] : null;
        if (mask is not null)
            data = EvenClasses(data);

        var (accuracy, loss) = new TaskEvaluator(100).Evaluate(model, data, mask);

        var (expectedAccuracy, expectedLoss) = Reference(model, data, mask, 100);
        Assert.Equal(expectedAccuracy, accuracy);
        Assert.Equal(expectedLoss, loss);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Evaluate_LabelOutsideMask_ThrowsArgumentException(bool standaloneRelu)
    {
        var data = TestImages.Create(30, side: 4);
        var model = standaloneRelu
            ? new Sequential([new Linear(16, 10, relu: false, new Random(1)), new Relu(10)], 16)
            : MlpBuilder.Create([16, 10], seed: 1);
        bool[] mask = [true, true, false, false, false, false, false, false, false, false];

        var error = Assert.Throws<ArgumentException>(() => new TaskEvaluator(100).Evaluate(model, data, mask));

        Assert.Contains("not an allowed class", error.Message);
    }

    [Fact]
    public void Evaluate_PaperMlpAfterWarmUp_AllocatesNothing()
    {
        var data = TestImages.Create(150, side: 28, seed: 2);
        var model = MlpBuilder.Create(MlpBuilder.DefaultSizes, seed: 3);
        var evaluator = new TaskEvaluator(1000);
        evaluator.Evaluate(model, data, null);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 3; i++)
            evaluator.Evaluate(model, data, null);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>The evaluator's contract written plainly: forward each batch, sum its loss, count arg-max hits.</summary>
    private static (double Accuracy, double Loss) Reference(Sequential model, LabeledImages data, bool[]? mask, int batchSize)
    {
        var size = data.FeatureSize;
        double loss = 0;
        var correct = 0;
        for (var start = 0; start < data.Count; start += batchSize)
        {
            var n = Math.Min(batchSize, data.Count - start);
            var logits = model.Forward(new Tensor(n, size, data.Features[(start * size)..((start + n) * size)]));
            var labels = data.Labels.AsSpan(start, n);
            loss += SoftmaxCrossEntropy.Compute(logits, labels, Enumerable.Repeat(1f, n).ToArray(), mask, null);
            for (var i = 0; i < n; i++)
                if (Kernels.ArgMax(logits.Row(i), mask) == labels[i])
                    correct++;
        }
        return ((double)correct / data.Count, loss / data.Count);
    }

    private static LabeledImages EvenClasses(LabeledImages data)
    {
        var rows = Enumerable.Range(0, data.Count).Where(i => data.Labels[i] % 2 == 0).ToArray();
        var size = data.FeatureSize;
        var features = rows.SelectMany(i => data.Features.Skip(i * size).Take(size)).ToArray();
        return new LabeledImages(features, [.. rows.Select(i => data.Labels[i])], data.Height, data.Width);
    }
}
