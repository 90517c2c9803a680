using System.Text.Json;
using ContinualDash.Core.Data;
using ContinualDash.Core.Experiments;
using ContinualDash.Core.Queue;
using ContinualDash.Core.Runs;
using ContinualDash.Training.Experiments;

namespace ContinualDash.Web.Launch;

/// <summary>
/// Launches builtin experiments for the API and the Launch form alike, so both give the same messages:
/// validates the spec with the trainer's own validator, then stores the experiment, one queued run per seed
/// and its job in one transaction (a refused seed stores nothing).
/// </summary>
public sealed class ExperimentLauncher(DashDbContext db, JobQueue queue, TimeProvider time)
{
    /// <summary>Most seeds one launch may ask for.</summary>
    public const int MaxSeeds = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every problem of the launch; fields are the spec's camelCase names, or <c>name</c> and <c>seeds</c>.</summary>
    public static IReadOnlyList<SpecError> Validate(ExperimentLaunch launch)
    {
        var errors = new List<SpecError>();
        if (string.IsNullOrWhiteSpace(launch.Name) || launch.Name.Trim().Length > 180)
            errors.Add(new SpecError("name", "must be 1 to 180 characters"));
        if (launch.Seeds.Count is 0 or > MaxSeeds)
            errors.Add(new SpecError("seeds", $"needs 1 to {MaxSeeds} seeds"));
        else if (launch.Seeds.Distinct().Count() != launch.Seeds.Count)
            errors.Add(new SpecError("seeds", "must not repeat a seed"));
        else if (launch.Seeds.Any(s => s < 0))
            errors.Add(new SpecError("seeds", "must be non-negative whole numbers"));
        errors.AddRange(launch.Spec.Validate());
        return errors;
    }

    /// <exception cref="QueueException">The first problem, naming its field; nothing stored.</exception>
    public async Task<LaunchedExperiment> LaunchAsync(ExperimentLaunch launch, CancellationToken ct)
    {
        if (Validate(launch) is [var first, ..]) throw new QueueException(first.Field, first.Message);
        var name = launch.Name.Trim();
        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var experiment = new Experiment
        {
            Name = name,
            SpecJson = JsonSerializer.Serialize(new { spec = launch.Spec, seeds = launch.Seeds, labels = launch.Labels ?? [] }, Json),
            CreatedAt = now,
        };
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync(ct);

        var runs = new List<LaunchedRun>(launch.Seeds.Count);
        foreach (var seed in launch.Seeds)
        {
            var spec = launch.Spec with { Seed = seed };
            var specJson = JsonSerializer.Serialize(spec, Json);
            var run = new Run($"{name} seed {seed}", now, experiment.Id)
            {
                Seed = seed,
                ConfigJson = specJson,
                Benchmark = spec.Benchmark,
                Strategy = spec.Strategy,
            };
            db.Runs.Add(run);
            await db.SaveChangesAsync(ct);
            var (jobId, runId) = await queue.EnqueueAsync(new JobRequest(JobKind.Builtin, specJson, Priority: launch.Priority,
                Labels: launch.Labels, MaxAttempts: launch.MaxAttempts, RunId: run.Id), ct);
            runs.Add(new LaunchedRun(jobId, runId, seed));
        }
        await tx.CommitAsync(ct);
        return new LaunchedExperiment(experiment.Id, runs);
    }
}
