namespace ContinualDash.Worker.Commands;

/// <summary>How a command ended: its exit code, or why it could not start.</summary>
internal sealed record CommandResult(int ExitCode, string? StartError = null);
