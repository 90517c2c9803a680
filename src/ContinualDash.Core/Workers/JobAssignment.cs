namespace ContinualDash.Core.Workers;

/// <summary>
/// A claimed job handed to a worker: what to run, the attempt it is, and for command jobs a token scoped to
/// the run, which the worker passes to the process so that a script may log through the tracking API.
/// </summary>
public sealed record JobAssignment(long JobId, long RunId, int Attempt, string Kind, string PayloadJson, string? RunToken);
