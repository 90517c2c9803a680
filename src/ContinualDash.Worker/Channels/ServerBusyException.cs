using System.Net;
using System.Net.Http.Headers;

namespace ContinualDash.Worker.Channels;

/// <summary>
/// The server answered 503 or 429 with <c>Retry-After</c>: it is up, but asks to be called again later (its
/// metric write queue is full, the database is locked). <see cref="RetryingWorkerChannel"/> waits as long as
/// it asked, within limits, and sends the same call again.
/// </summary>
public sealed class ServerBusyException(string message, HttpStatusCode status, RetryConditionHeaderValue retryAfter)
    : HttpRequestException(message, null, status)
{
    /// <summary>The answer's <c>Retry-After</c>: a number of seconds or an HTTP date.</summary>
    public RetryConditionHeaderValue RetryAfter { get; } = retryAfter;

    /// <summary>How long the server asked to wait, seen at <paramref name="now"/>: the delta, or the time left
    /// until the date (zero once it has passed).</summary>
    public TimeSpan DelayFrom(DateTimeOffset now) =>
        RetryAfter.Delta ?? (RetryAfter.Date is { } date && date > now ? date - now : TimeSpan.Zero);
}
