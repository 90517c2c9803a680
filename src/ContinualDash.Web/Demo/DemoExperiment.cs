using System.Text.Json;
using ContinualDash.Core.Data;
using ContinualDash.Core.Experiments;
using ContinualDash.Core.Queue;
using ContinualDash.Core.Runs;
using ContinualDash.Training.Experiments;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Demo;

/// <summary>
/// The empty home page's one-click start: ER and Finetune on Split-Fashion-MNIST, two seeds each, as one
/// experiment of four queued builtin jobs (the spec is the job payload, one run per seed).
/// </summary>
public sealed class DemoExperiment(DashDbContext db, JobQueue queue, TimeProvider time)
{
    public const string Name = "Demo: ER vs Finetune on Split-Fashion-MNIST";
    public static readonly IReadOnlyList<string> Strategies = ["er", "finetune"];
    public static readonly IReadOnlyList<int> Seeds = [0, 1];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A short protocol so a laptop finishes the demo in minutes: one epoch per task.</summary>
    public static ExperimentSpec Spec(string strategy, int seed) =>
        new() { Benchmark = "split-fmnist", Strategy = strategy, Seed = seed, EpochsPerTask = 1, EvalPeriod = 5, EvalSubsetSize = 500 };

    /// <summary>Stores the experiment and enqueues its runs; returns the experiment id.</summary>
    public async Task<long> LaunchAsync(CancellationToken ct)
    {
        var specs = Strategies.SelectMany(s => Seeds.Select(seed => Spec(s, seed))).ToList();
        if (specs.SelectMany(s => s.Validate()).FirstOrDefault() is { } error)
            throw new InvalidOperationException($"the demo spec is invalid: {error.Field} {error.Message}");
        // One transaction for the experiment and all four runs (JobQueue.EnqueueAsync joins it): no half demo.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var experiment = new Experiment
        {
            Name = Name,
            SpecJson = JsonSerializer.Serialize(new { strategies = Strategies, seeds = Seeds, spec = Spec(Strategies[0], Seeds[0]) }, Json),
            CreatedBy = "demo",
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync(ct);
        foreach (var spec in specs)
        {
            var payload = JsonSerializer.Serialize(spec, Json);
            var run = new Run($"{spec.Strategy}-seed-{spec.Seed}", time.GetUtcNow().UtcDateTime, experiment.Id)
            {
                Seed = spec.Seed, Strategy = spec.Strategy, Benchmark = spec.Benchmark, ConfigJson = payload,
            };
            db.Runs.Add(run);
            await db.SaveChangesAsync(ct);
            await queue.EnqueueAsync(new JobRequest(JobKind.Builtin, payload, RunId: run.Id), ct);
        }
        await tx.CommitAsync(ct);
        return experiment.Id;
    }
}
