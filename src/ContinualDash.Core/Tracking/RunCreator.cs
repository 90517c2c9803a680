using System.Text.Json;
using ContinualDash.Core.Data;
using ContinualDash.Core.Experiments;
using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tracking;

/// <summary>
/// Creates a run that reports by itself (a trainer logging through the API): it is Running from creation,
/// with its tags and declared tasks, all in one transaction.
/// </summary>
public sealed class RunCreator(DashDbContext db, TimeProvider time)
{
    /// <summary>Most tasks a run may declare.</summary>
    public const int MaxTasks = 10_000;

    /// <summary>Most tags on one run.</summary>
    public const int MaxTags = 100;

    /// <summary>Longest notes kept on a run.</summary>
    public const int MaxNotesLength = 4000;

    /// <exception cref="TrackingException">A bad field; nothing stored.</exception>
    public async Task<Run> CreateAsync(NewRun spec, string? workerName, CancellationToken ct)
    {
        var tags = Validate(spec);
        var now = time.GetUtcNow().UtcDateTime;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        long? experimentId = null;
        if (spec.Experiment is { } experimentName)
        {
            var experiment = await db.Experiments.FirstOrDefaultAsync(e => e.Name == experimentName, ct);
            if (experiment is null)
            {
                experiment = new Experiment { Name = experimentName, CreatedAt = now };
                db.Experiments.Add(experiment);
                await db.SaveChangesAsync(ct);
            }
            experimentId = experiment.Id;
        }

        var run = new Run(spec.Name.Trim(), now, experimentId)
        {
            ConfigJson = spec.ConfigJson,
            Benchmark = ConfigText(spec.ConfigJson, "benchmark"),
            Strategy = ConfigText(spec.ConfigJson, "strategy"),
            Seed = ConfigInt(spec.ConfigJson, "seed"),
            Notes = string.IsNullOrWhiteSpace(spec.Notes) ? null : spec.Notes.Trim(),
        };
        run.Tags.AddRange(tags.Select(t => new RunTag { Tag = t }));
        run.Start(now, workerName);
        db.Runs.Add(run);
        await db.SaveChangesAsync(ct);

        if (spec.Tasks is { } tasks)
        {
            for (var k = 0; k < tasks.Count; k++)
            {
                var name = string.IsNullOrWhiteSpace(tasks[k]) ? $"Task {k}" : tasks[k]!.Trim();
                db.TaskPhases.Add(new TaskPhase { RunId = run.Id, TaskIndex = k, Name = name });
            }
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return run;
    }

    private static List<string> Validate(NewRun spec)
    {
        if (string.IsNullOrWhiteSpace(spec.Name) || spec.Name.Trim().Length > 200)
            throw new TrackingException("name", "must be 1 to 200 characters");
        if (spec.Notes is { Length: > MaxNotesLength })
            throw new TrackingException("notes", $"must be at most {MaxNotesLength} characters");
        if (spec.Experiment is { } e && (string.IsNullOrWhiteSpace(e) || e.Length > 200))
            throw new TrackingException("experiment", "must be 1 to 200 characters when given");
        try
        {
            using var config = JsonDocument.Parse(spec.ConfigJson);
            if (config.RootElement.ValueKind != JsonValueKind.Object)
                throw new TrackingException("config", "must be a JSON object");
        }
        catch (JsonException)
        {
            throw new TrackingException("config", "must be a JSON object");
        }

        var tags = new List<string>();
        foreach (var (tag, i) in (spec.Tags ?? []).Select((t, i) => (t, i)))
        {
            if (string.IsNullOrWhiteSpace(tag) || tag.Trim().Length > 100)
                throw new TrackingException($"tags[{i}]", "must be 1 to 100 characters");
            if (!tags.Contains(tag.Trim())) tags.Add(tag.Trim());
        }
        if (tags.Count > MaxTags) throw new TrackingException("tags", $"has {tags.Count} tags; at most {MaxTags} are allowed");

        if (spec.Tasks is { } tasks)
        {
            if (tasks.Count > MaxTasks) throw new TrackingException("tasks", $"declares {tasks.Count} tasks; at most {MaxTasks} are allowed");
            for (var k = 0; k < tasks.Count; k++)
                if (tasks[k] is { Length: > 200 }) throw new TrackingException($"tasks[{k}].name", "must be at most 200 characters");
        }
        return tags;
    }

    // The runs table sorts and filters on these, so they are copied out of the configuration when present.
    private static string? ConfigText(string json, string key)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString() is { Length: <= 100 } s ? s : null
            : null;
    }

    private static int? ConfigInt(string json, string key)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)
            ? i : null;
    }
}
