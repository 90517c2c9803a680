using ContinualDash.Training.Benchmarks;
using ContinualDash.Training.Evaluation;
using ContinualDash.Training.Models;
using ContinualDash.Training.Optimization;
using ContinualDash.Training.Strategies;

namespace ContinualDash.Training.Tests.Strategies;

public sealed class ContinualTrainerTests
{
    private static InMemoryMetricSink Train(TrainerSettings settings, Func<TaskStream, IReadOnlyList<ITrainingPlugin>>? plugins = null,
        Scenario scenario = Scenario.ClassIncremental)
    {
        var stream = StreamFixture.Split(scenario);
        var model = MlpBuilder.Create([16, 12, 10], seed: settings.Seed);
        var sink = new InMemoryMetricSink();
        new ContinualTrainer(settings, plugins?.Invoke(stream) ?? [], sink).Run(stream, model, new Sgd(model.Parameters, 0.1, 0.9));
        return sink;
    }

    [Fact]
    public void Run_EveryIteration_NumbersIterationsAsUpdatesDone()
    {
        // 40 training images per task, batch 16: 3 updates per epoch, 2 epochs -> 6 per task.
        var sink = Train(new TrainerSettings(Epochs: 2, BatchSize: 16));

        Assert.Equal([6, 12, 18, 24, 30], sink.TaskBoundaries);
        Assert.Equal(Enumerable.Range(1, 30), sink.Steps.Select(s => s.Iteration));
        var subset = sink.Evaluations.Where(e => !e.FullTestSet).ToList();
        Assert.Equal([(0, 0)], subset.Where(e => e.Iteration == 0).Select(e => (e.Iteration, e.Task)));
        // Seen tasks only: at t in (b_{k-1}, b_k] tasks 0..k are evaluated.
        Assert.Equal([0, 1], subset.Where(e => e.Iteration == 7).Select(e => e.Task));
        Assert.Equal([0, 1], subset.Where(e => e.Iteration == 12).Select(e => e.Task));
        Assert.Equal(1 + 6 * (1 + 2 + 3 + 4 + 5), subset.Count);
        Assert.All(subset, e => Assert.Equal(12, e.Samples));
    }

    [Fact]
    public void Run_PeriodFourWithFutureTasks_EvaluatesPeriodicallyAndAtBoundaries()
    {
        var sink = Train(new TrainerSettings(Epochs: 1, BatchSize: 16, EvaluationPeriod: 4, EvaluateFutureTasks: true));

        var iterations = sink.Evaluations.Where(e => !e.FullTestSet).Select(e => e.Iteration).Distinct();
        Assert.Equal([0, 3, 4, 6, 8, 9, 12, 15], iterations);
        Assert.All(sink.Evaluations.GroupBy(e => (e.Iteration, e.FullTestSet)), g => Assert.Equal(5, g.Count()));
    }

    [Fact]
    public void Run_AtBoundaries_EvaluatesEveryFullTestSet()
    {
        var sink = Train(new TrainerSettings(Epochs: 1, BatchSize: 20));

        var full = sink.Evaluations.Where(e => e.FullTestSet).ToList();
        Assert.Equal(sink.TaskBoundaries.SelectMany(b => Enumerable.Repeat(b, 5)), full.Select(e => e.Iteration));
        Assert.All(full, e => Assert.Equal(20, e.Samples));
    }

    [Fact]
    public void Run_SameSeedTwice_IdenticalMetricsBitForBit()
    {
        var settings = new TrainerSettings(Epochs: 2, BatchSize: 8, Seed: 3);
        IReadOnlyList<ITrainingPlugin> Er(TaskStream s) => [new ExperienceReplay(20, s.FeatureSize, 8)];

        var a = Train(settings, Er);
        var b = Train(settings, Er);
        var c = Train(settings with { Seed = 4 }, Er);

        Assert.Equal(a.Evaluations, b.Evaluations);
        Assert.Equal(a.Steps, b.Steps);
        Assert.NotEqual(a.Steps, c.Steps);
    }

    [Fact]
    public void Run_ReplayOnSeparableStream_KeepsOldTasksAboveFinetune()
    {
        var settings = new TrainerSettings(Epochs: 5, BatchSize: 8);

        var finetune = Train(settings);
        var replay = Train(settings, s => [new ExperienceReplay(40, s.FeatureSize, 8)]);

        double FinalOldTasks(InMemoryMetricSink sink) => sink.Evaluations
            .Where(e => e.FullTestSet && e.Iteration == sink.TaskBoundaries[^1] && e.Task < 4).Average(e => e.Accuracy);
        Assert.True(FinalOldTasks(finetune) < 0.2, $"finetune keeps {FinalOldTasks(finetune)}");
        Assert.True(FinalOldTasks(replay) > FinalOldTasks(finetune) + 0.3, $"replay keeps {FinalOldTasks(replay)}");
    }

    [Fact]
    public void Run_TaskIncremental_ScoresWithinTaskHeads()
    {
        var sink = Train(new TrainerSettings(Epochs: 5, BatchSize: 8), scenario: Scenario.TaskIncremental);

        var final = sink.Evaluations.Where(e => e.FullTestSet && e.Iteration == sink.TaskBoundaries[^1]).ToList();
        Assert.True(final.Average(e => e.Accuracy) > 0.6, "two-way heads keep far more than class-incremental finetuning");
    }

    [Fact]
    public void Run_Cancelled_Throws()
    {
        var stream = StreamFixture.Split();
        var model = MlpBuilder.Create([16, 10], 0);
        var trainer = new ContinualTrainer(new TrainerSettings(), [], new InMemoryMetricSink());

        Assert.Throws<OperationCanceledException>(() => trainer.Run(stream, model, new Sgd(model.Parameters, 0.1), new CancellationToken(true)));
    }
}
