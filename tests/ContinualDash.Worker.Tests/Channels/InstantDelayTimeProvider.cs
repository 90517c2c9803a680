namespace ContinualDash.Worker.Tests.Channels;

/// <summary>
/// A clock for retry tests: every timer (what <c>Task.Delay(delay, time, ct)</c> creates) fires at once, moves
/// the clock on by its due time and is recorded, so a test sees exactly how long the code chose to wait,
/// without waiting.
/// </summary>
internal sealed class InstantDelayTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<TimeSpan> delays = [];
    private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<TimeSpan> Delays
    {
        get { lock (gate) return [.. delays]; }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan) return new FiredTimer();
        lock (gate)
        {
            delays.Add(dueTime);
            now += dueTime;
        }
        // Not on the caller's stack: Task.Delay is still setting up its promise when it creates the timer.
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
