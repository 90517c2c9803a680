using System.Buffers;

namespace ContinualDash.Web.Tracking;

/// <summary>
/// A request body read into a buffer rented from the shared pool. A 5,000-point batch is about 450 KB: a fresh
/// array per request would land on the large-object heap and cost a full collection every few dozen batches.
/// Dispose it when the body has been parsed.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    private byte[] buffer;

    private PooledBody(byte[] buffer, int length)
    {
        this.buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => buffer.AsSpan(0, Length);

    /// <summary>Reads the whole stream; null when it holds more than <paramref name="maxBytes"/>.</summary>
    public static async Task<PooledBody?> ReadAsync(Stream body, long? expectedLength, long maxBytes, CancellationToken ct)
    {
        var pool = ArrayPool<byte>.Shared;
        var buffer = pool.Rent((int)Math.Clamp(expectedLength ?? 64 * 1024, 1, maxBytes) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes) break;
                    var larger = pool.Rent((int)Math.Min(maxBytes + 1, 2L * buffer.Length));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    pool.Return(buffer);
                    buffer = larger;
                }
                var read = await body.ReadAsync(buffer.AsMemory(length), ct);
                if (read == 0) return new PooledBody(buffer, length);
                length += read;
                if (length > maxBytes) break;
            }
        }
        catch
        {
            pool.Return(buffer);
            throw;
        }
        pool.Return(buffer);
        return null;
    }

    public void Dispose()
    {
        var held = Interlocked.Exchange(ref buffer, []);
        if (held.Length > 0) ArrayPool<byte>.Shared.Return(held);
    }
}
