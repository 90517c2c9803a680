namespace ContinualDash.Bench.Load;

/// <summary>A run-list <c>status</c> event as a subscriber received it: the run, its status and the
/// <see cref="System.Diagnostics.Stopwatch"/> timestamp of its arrival.</summary>
internal sealed record StatusArrival(long RunId, string Status, long ArrivedAt);
