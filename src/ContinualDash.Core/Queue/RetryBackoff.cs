using Microsoft.Extensions.Options;

namespace ContinualDash.Core.Queue;

/// <summary>
/// Exponential backoff with jitter for failed attempts: base · 2^(attempt − 1), capped, plus up to
/// <see cref="QueueOptions.RetryJitter"/> of that at random. The random source is injected so tests are repeatable.
/// </summary>
public sealed class RetryBackoff(IOptions<QueueOptions> options, Random random)
{
    private readonly Lock gate = new();

    /// <summary>The delay before the attempt after <paramref name="failedAttempt"/> (1 for the first).</summary>
    public TimeSpan After(int failedAttempt)
    {
        var o = options.Value;
        var exponent = Math.Clamp(failedAttempt - 1, 0, 30);
        var delay = Math.Min(o.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent), o.RetryMaxDelay.TotalMilliseconds);
        double jitter;
        // A seeded Random is not thread-safe, and one instance serves concurrent requests.
        lock (gate) jitter = random.NextDouble();
        return TimeSpan.FromMilliseconds(delay * (1 + o.RetryJitter * jitter));
    }
}
