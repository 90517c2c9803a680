using System.Text.Json;
using ContinualDash.Core.Data;
using ContinualDash.Core.Queue;
using ContinualDash.Training.Experiments;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Launch;

/// <summary>
/// "Clone": the Launch form pre-filled from a run's stored job (a builtin spec or a command), or a notice why
/// it cannot be (unknown run, or a run logged by a script, which has no job to repeat).
/// </summary>
/// <param name="Experiment">The experiment fields; the defaults when the run was no builtin job.</param>
/// <param name="Command">The command fields; filled for a command job.</param>
public sealed record LaunchPrefill(LaunchInput Experiment, CommandLaunchInput Command, string? Notice)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<LaunchPrefill> FromRunAsync(DashDbContext db, long runId, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new { r.Name, r.Seed, r.ConfigJson, Experiment = db.Experiments.Where(e => e.Id == r.ExperimentId).Select(e => e.Name).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (run is null) return new(LaunchInput.Default(), new(), $"There is no run {runId} to clone: the form shows the defaults.");
        var job = await db.Jobs.AsNoTracking().Where(j => j.RunId == runId).OrderByDescending(j => j.Id)
            .Select(j => new { j.Kind, j.PayloadJson, j.Labels }).FirstOrDefaultAsync(ct);
        var labels = job is null ? [] : JobLabels.Split(job.Labels);
        var name = (run.Experiment ?? run.Name) + " (clone)";
        if (job?.Kind == JobKind.Builtin && Read<ExperimentSpec>(job.PayloadJson) is { } spec)
            return new(LaunchInput.FromSpec(name, spec, [run.Seed ?? spec.Seed], labels), new(), null);
        if (job?.Kind == JobKind.Command && Read<CommandSpec>(job.PayloadJson) is { } command)
        {
            var input = new CommandLaunchInput
            {
                Name = name, CommandLine = CommandLine.Join(command.Argv), WorkingDirectory = command.WorkingDirectory ?? "",
                Labels = string.Join(", ", labels),
            };
            var env = command.Env is { Count: > 0 } ? " Its environment variables are not part of this form: add them to the command (env NAME=value ...)." : "";
            return new(LaunchInput.Default(), input, $"Run {runId} was a command job: its command is filled in below.{env}");
        }
        return new(LaunchInput.Default(), new(), $"Run {runId} was logged by a script, not launched here: there is no job to repeat, so the form shows the defaults.");
    }

    private static T? Read<T>(string json) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
