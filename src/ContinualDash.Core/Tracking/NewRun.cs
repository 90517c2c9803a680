namespace ContinualDash.Core.Tracking;

/// <summary>A run to create through the tracking API or by a worker.</summary>
/// <param name="Name">Display name, 1 to 200 characters.</param>
/// <param name="Experiment">Name of the experiment to file the run under; created when new. Null for none.</param>
/// <param name="ConfigJson">The run's configuration as a JSON object (hyper-parameters, benchmark, ...).</param>
/// <param name="Tags">Free-form labels, each 1 to 100 characters; duplicates are dropped.</param>
/// <param name="Tasks">The declared tasks of the stream, in order; a null or blank name becomes "Task k".
/// Null when the run does not declare its tasks up front.</param>
/// <param name="Notes">Free text shown on the run page and matched by the runs list's text search; at most
/// <see cref="RunCreator.MaxNotesLength"/> characters.</param>
public sealed record NewRun(
    string Name,
    string? Experiment = null,
    string ConfigJson = "{}",
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<string?>? Tasks = null,
    string? Notes = null);
