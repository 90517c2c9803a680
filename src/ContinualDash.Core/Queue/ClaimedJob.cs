namespace ContinualDash.Core.Queue;

/// <summary>A job a worker has just claimed, with the attempt it now runs.</summary>
public sealed record ClaimedJob(long JobId, long RunId, string Kind, string PayloadJson, int Attempt);
