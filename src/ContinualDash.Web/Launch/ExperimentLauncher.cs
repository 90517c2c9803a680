using System.Text.Json;
using ContinualDash.Core.Data;
using ContinualDash.Core.Experiments;
using ContinualDash.Core.Queue;
using ContinualDash.Core.Runs;
using ContinualDash.Training.Experiments;

namespace ContinualDash.Web.Launch;

/// <summary>
/// The one launch path for builtin experiments (the API, the Launch form and the demo button), so all give the
/// same messages: validates each spec with the trainer's own validator, then stores the experiment, one queued
/// run per seed and its job in one transaction (a refused seed stores nothing).
/// </summary>
public sealed class ExperimentLauncher(DashDbContext db, JobQueue queue, TimeProvider time)
{
    /// <summary>Most seeds one launch may ask for.</summary>
    public const int MaxSeeds = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every problem of the launch; fields are the spec's camelCase names, or <c>name</c>, <c>seeds</c> and <c>labels</c>.</summary>
    public static IReadOnlyList<SpecError> Validate(ExperimentLaunch launch)
    {
        var errors = new List<SpecError>();
        if (NameError(launch.Name) is { } nameError) errors.Add(nameError);
        if (launch.Seeds.Count is 0 or > MaxSeeds)
            errors.Add(new SpecError("seeds", $"needs 1 to {MaxSeeds} seeds"));
        else if (launch.Seeds.Distinct().Count() != launch.Seeds.Count)
            errors.Add(new SpecError("seeds", "must not repeat a seed"));
        else if (launch.Seeds.Any(s => s < 0))
            errors.Add(new SpecError("seeds", "must be non-negative whole numbers"));
        try
        {
            JobLabels.Normalize(launch.Labels);
        }
        catch (QueueException e)
        {
            errors.Add(new SpecError(e.Field, e.Message));
        }
        errors.AddRange(launch.Spec.Validate());
        return errors;
    }

    /// <summary>Launches one spec as an experiment named <see cref="ExperimentLaunch.Name"/>.</summary>
    /// <exception cref="QueueException">The first problem, naming its field; nothing stored.</exception>
    public Task<LaunchedExperiment> LaunchAsync(ExperimentLaunch launch, CancellationToken ct)
        => LaunchAsync(launch.Name, [launch], createdBy: null, ct);

    /// <summary>
    /// Launches several specs (e.g. one per strategy) as one experiment, all in one transaction; each part's runs
    /// are named "{part name} seed {seed}".
    /// </summary>
    /// <exception cref="QueueException">The first problem of any part, naming its field; nothing stored.</exception>
    public async Task<LaunchedExperiment> LaunchAsync(string experimentName, IReadOnlyList<ExperimentLaunch> parts, string? createdBy, CancellationToken ct)
    {
        if (NameError(experimentName) is { } nameError) throw new QueueException(nameError.Field, nameError.Message);
        if (parts.Count == 0) throw new QueueException("spec", "needs at least one spec to launch");
        foreach (var part in parts)
            if (Validate(part) is [var first, ..]) throw new QueueException(first.Field, first.Message);

        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var experiment = new Experiment
        {
            Name = experimentName.Trim(),
            SpecJson = parts is [var only]
                ? JsonSerializer.Serialize(Describe(only), Json)
                : JsonSerializer.Serialize(new { parts = parts.Select(p => new { name = p.Name.Trim(), launch = Describe(p) }) }, Json),
            CreatedBy = createdBy,
            CreatedAt = now,
        };
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync(ct);

        var runs = new List<LaunchedRun>();
        foreach (var part in parts)
        {
            foreach (var seed in part.Seeds)
            {
                var spec = part.Spec with { Seed = seed };
                var specJson = JsonSerializer.Serialize(spec, Json);
                var run = new Run($"{part.Name.Trim()} seed {seed}", now, experiment.Id)
                {
                    Seed = seed,
                    ConfigJson = specJson,
                    Benchmark = spec.Benchmark,
                    Strategy = spec.Strategy,
                };
                db.Runs.Add(run);
                await db.SaveChangesAsync(ct);
                var (jobId, runId) = await queue.EnqueueAsync(new JobRequest(JobKind.Builtin, specJson, Priority: part.Priority,
                    Labels: part.Labels, MaxAttempts: part.MaxAttempts, RunId: run.Id), ct);
                runs.Add(new LaunchedRun(jobId, runId, seed));
            }
        }
        await tx.CommitAsync(ct);
        return new LaunchedExperiment(experiment.Id, runs);
    }

    private static SpecError? NameError(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > 180 ? new SpecError("name", "must be 1 to 180 characters") : null;

    private static object Describe(ExperimentLaunch launch) => new { spec = launch.Spec, seeds = launch.Seeds, labels = launch.Labels ?? [] };
}
