using Microsoft.Extensions.Logging;

namespace ContinualDash.Cli.Worker;

/// <summary>Writes the worker's log as plain lines to stderr (stdout stays free for command output).</summary>
internal sealed class TextWriterLogger(TextWriter writer, LogLevel minimum = LogLevel.Information) : ILogger
{
    private readonly Lock gate = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var line = $"{TimeProvider.System.GetUtcNow():HH:mm:ss} {logLevel.ToString()[..4].ToLowerInvariant()}: {formatter(state, exception)}";
        lock (gate)
        {
            writer.WriteLine(line);
            if (exception is not null) writer.WriteLine(exception);
            writer.Flush();
        }
    }
}
