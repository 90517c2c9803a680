namespace ContinualDash.Core.Tracking;

/// <summary>What <see cref="MetricWriter.WriteAsync"/> did with a batch.</summary>
/// <param name="Stored">Points written (0 for a duplicate).</param>
/// <param name="Duplicate">True when a batch with the same key was already stored for the run.</param>
public readonly record struct MetricWriteResult(int Stored, bool Duplicate);
