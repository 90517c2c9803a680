namespace ContinualDash.Core.RunLogs;

/// <summary>A log line as a worker reports it: its number within the attempt, the stream and the text.</summary>
public sealed record LogLineInput(long Sequence, string Stream, string Text);
