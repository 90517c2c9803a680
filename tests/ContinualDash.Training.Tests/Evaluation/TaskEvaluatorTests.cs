using ContinualDash.Training.Benchmarks;
using ContinualDash.Training.Evaluation;
using ContinualDash.Training.Models;
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
    public void EvaluateStacked_MoreRowsThanOnePass_EqualsPerTaskEvaluation()
    {
        // 5 tasks x 2000 rows exceed one pass (8192 rows), so the last task comes from a copied second pass.
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
}
