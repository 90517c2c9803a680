namespace ContinualDash.Core.Queue;

/// <summary>A job to enqueue.</summary>
/// <param name="Kind"><see cref="JobKind.Command"/> (or <see cref="JobKind.Builtin"/>).</param>
/// <param name="PayloadJson">For a command job, a <see cref="CommandSpec"/> as JSON.</param>
/// <param name="RunName">Name of the run to create; ignored when <paramref name="RunId"/> is given.</param>
/// <param name="Priority">Higher runs first.</param>
/// <param name="Labels">Labels a worker must all offer to claim the job (e.g. <c>gpu</c>).</param>
/// <param name="MaxAttempts">Null for <see cref="QueueOptions.DefaultMaxAttempts"/>.</param>
/// <param name="RunId">An existing queued run to attach the job to, instead of creating one.</param>
public sealed record JobRequest(
    string Kind, string PayloadJson, string? RunName = null, int Priority = 0,
    IReadOnlyList<string>? Labels = null, int? MaxAttempts = null, long? RunId = null);
