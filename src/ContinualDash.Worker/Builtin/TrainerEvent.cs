using ContinualDash.Worker.Commands;

namespace ContinualDash.Worker.Builtin;

/// <summary>One thing the trainer thread hands to the job: a metric point or boundary, or a log line.</summary>
internal sealed record TrainerEvent(MetricRecord? Record, string? LogLine);
