namespace ContinualDash.Core.Points;

/// <summary>A stored point of a run as the event stream and the export send it.</summary>
/// <param name="Id">The point's id (<see cref="PointIds"/>): increases in the order points were stored.</param>
/// <param name="Name">Series name.</param>
/// <param name="Task">Task index, or null for a run-level series.</param>
/// <param name="Iteration">Iteration (METRICS.md S1).</param>
/// <param name="Value">The value.</param>
/// <param name="Time">Wall-clock time, Unix ms.</param>
/// <param name="Attempt">The run attempt that produced it.</param>
public sealed record RunPoint(long Id, string Name, int? Task, long Iteration, double Value, long Time, int Attempt);
