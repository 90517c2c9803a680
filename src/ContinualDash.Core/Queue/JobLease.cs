namespace ContinualDash.Core.Queue;

/// <summary>What proves a worker holds a job: every write after the claim is guarded by all three.</summary>
public sealed record JobLease(long JobId, string WorkerId, int Attempt);
