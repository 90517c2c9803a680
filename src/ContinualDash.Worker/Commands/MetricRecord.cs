using ContinualDash.Core.Tracking;

namespace ContinualDash.Worker.Commands;

/// <summary>A metric point or a task boundary: read from a line of a command's stdout (docs/WORKERS.md), or emitted by the built-in trainer.</summary>
internal sealed record MetricRecord(MetricPointInput? Point, int BoundaryTask = 0, long BoundaryIteration = 0);
