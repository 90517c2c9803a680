using System.Threading.Channels;

namespace ContinualDash.Worker.Reporting;

/// <summary>
/// Collects items (metric points, log lines) into numbered batches: a batch is sent when it holds
/// <c>maxBatch</c> items or when its first item is <c>maxDelay</c> old. The bounded queue gives
/// back-pressure: when the server falls behind, <see cref="AddAsync"/> waits, and so does the producer.
/// Batches are sent one at a time, in order, numbered 0, 1, 2, ... A barrier (<see cref="AddBarrierAsync"/>)
/// is sent after every item added before it, so the server never sees a task boundary before the
/// evaluations that end the task.
/// </summary>
internal sealed class BatchingReporter<T>
{
    private readonly Channel<(T Item, Func<CancellationToken, Task>? Barrier)> queue;
    private readonly Func<IReadOnlyList<T>, long, CancellationToken, Task> send;
    private readonly int maxBatch;
    private readonly TimeSpan maxDelay;
    private readonly TimeProvider time;
    private readonly Task pump;

    /// <param name="send">Sends one batch with its sequence number; it retries by itself, and an exception
    /// it throws ends the reporter (the rest is dropped).</param>
    public BatchingReporter(Func<IReadOnlyList<T>, long, CancellationToken, Task> send, int maxBatch, TimeSpan maxDelay,
        int capacity, TimeProvider time, CancellationToken ct)
    {
        this.send = send;
        this.maxBatch = maxBatch;
        this.maxDelay = maxDelay;
        this.time = time;
        queue = Channel.CreateBounded<(T, Func<CancellationToken, Task>?)>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, SingleReader = true,
        });
        pump = PumpAsync(ct);
    }

    /// <summary>Items sent so far, in batches that the server acknowledged.</summary>
    public long Sent { get; private set; }

    public ValueTask AddAsync(T item, CancellationToken ct) => queue.Writer.WriteAsync((item, null), ct);

    /// <summary>Runs <paramref name="barrier"/> once everything added before it is sent, then goes on batching.</summary>
    public ValueTask AddBarrierAsync(Func<CancellationToken, Task> barrier, CancellationToken ct) =>
        queue.Writer.WriteAsync((default!, barrier), ct);

    /// <summary>Sends what is left and waits until it is acknowledged.</summary>
    public async Task CompleteAsync()
    {
        queue.Writer.TryComplete();
        await pump;
    }

    private async Task PumpAsync(CancellationToken ct)
    {
        await Task.Yield();
        var reader = queue.Reader;
        var sequence = 0L;
        try
        {
            while (await reader.WaitToReadAsync(ct))
            {
                var batch = new List<T>(Math.Min(maxBatch, 1024));
                Func<CancellationToken, Task>? barrier = null;
                var deadline = time.GetUtcNow() + maxDelay;
                while (batch.Count < maxBatch && barrier is null)
                {
                    while (batch.Count < maxBatch && barrier is null && reader.TryRead(out var entry))
                    {
                        if (entry.Barrier is null) batch.Add(entry.Item);
                        else barrier = entry.Barrier;
                    }
                    var left = deadline - time.GetUtcNow();
                    if (batch.Count >= maxBatch || barrier is not null || left <= TimeSpan.Zero || !await WaitAsync(reader, left, ct)) break;
                }
                if (batch.Count > 0)
                {
                    await send(batch, sequence++, ct);
                    Sent += batch.Count;
                }
                if (barrier is not null) await barrier(ct);
            }
        }
        finally
        {
            // Unblock producers waiting on a full queue once nothing reads it any more.
            queue.Writer.TryComplete();
            while (reader.TryRead(out _)) { }
        }
    }

    /// <summary>Waits for more items up to <paramref name="left"/>; false when the time is up or the queue completed.</summary>
    private async Task<bool> WaitAsync(ChannelReader<(T, Func<CancellationToken, Task>?)> reader, TimeSpan left, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(left);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
