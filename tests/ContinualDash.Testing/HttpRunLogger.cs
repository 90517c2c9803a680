using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ContinualDash.Testing;

/// <summary>
/// One run logged through the tracking HTTP API the way clients/python does it: every batch carries a key
/// and is sent again with the same key after a network error or a 5xx, so the server stores it once. A 503
/// or 429 with <c>Retry-After</c> (the server's back-pressure) is retried after the time the server asked for.
/// It counts what the server acknowledged (2xx), which fault tests and the load bench check against the database.
/// </summary>
public sealed class HttpRunLogger(HttpClient http, string name)
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest <c>Retry-After</c> honoured: a longer one would stall a test or a bench window.</summary>
    private static readonly TimeSpan MaxBusyDelay = TimeSpan.FromSeconds(5);

    /// <summary>A logger of a run that exists already, e.g. one of several writers of the same run: it posts
    /// batches without <see cref="CreateAsync"/>; give each writer its own batch indexes.</summary>
    public HttpRunLogger(HttpClient http, string name, long runId) : this(http, name) => RunId = runId;

    public string Name { get; } = name;

    public long RunId { get; private set; }

    /// <summary>Points in batches the server answered with 2xx.</summary>
    public int AcknowledgedPoints { get; private set; }

    /// <summary>Batches the server answered with 2xx.</summary>
    public int AcknowledgedBatches { get; private set; }

    /// <summary>Attempts that failed (connection refused or cut, a 5xx or a 429) and were retried.</summary>
    public int FailedAttempts { get; private set; }

    /// <summary>Of <see cref="FailedAttempts"/>, the answers 503 or 429 with <c>Retry-After</c>: the server was
    /// busy and said when to come back, which is back-pressure rather than a fault.</summary>
    public int BusyRetries { get; private set; }

    /// <summary>Status codes of failed attempts that got an answer (e.g. 503, 507).</summary>
    public List<HttpStatusCode> FailureStatuses { get; } = [];

    public async Task CreateAsync(CancellationToken ct)
    {
        using var answer = await SendAsync("/api/runs", new { name = Name, config = new { strategy = "bench" } }, ct);
        RunId = (await answer.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt64();
    }

    /// <summary>Sends batch <paramref name="index"/> of <paramref name="size"/> accuracy points (iterations
    /// index*size .. index*size+size-1) until the server acknowledges it.</summary>
    public async Task PostBatchAsync(int index, int size, CancellationToken ct)
    {
        var first = (long)index * size;
        var points = Enumerable.Range(0, size)
            .Select(i => new { name = "accuracy", task = 0, iteration = first + i, value = ((first + i) % 1000) / 1000.0 });
        using var _ = await SendAsync($"/api/runs/{RunId}/metrics", new { batch = $"{Name}-{index}", points }, ct);
        AcknowledgedPoints += size;
        AcknowledgedBatches++;
    }

    public async Task FinishAsync(CancellationToken ct)
    {
        using var _ = await SendAsync($"/api/runs/{RunId}/finish", new { status = "succeeded" }, ct);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, object body, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            HttpResponseMessage? answer = null;
            TimeSpan? busy = null;
            try
            {
                answer = await http.PostAsJsonAsync(path, body, ct);
                if (answer.IsSuccessStatusCode) return answer;
                if ((int)answer.StatusCode < 500 && answer.StatusCode != HttpStatusCode.TooManyRequests)
                    throw new InvalidOperationException($"{Name}: POST {path} was refused with {(int)answer.StatusCode}: " +
                        await answer.Content.ReadAsStringAsync(ct));
                FailureStatuses.Add(answer.StatusCode);
                busy = BusyDelay(answer);
                answer.Dispose();
            }
            catch (HttpRequestException)
            {
                answer?.Dispose();
            }
            FailedAttempts++;
            if (busy is { } told)
            {
                BusyRetries++;
                await Task.Delay(told, ct);
                continue;
            }
            await Task.Delay(delay, ct);
            delay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, delay.Ticks * 2));
        }
    }

    /// <summary>The wait a 503 or 429 asks for in <c>Retry-After</c> (seconds or a date), at most
    /// <see cref="MaxBusyDelay"/>; null for other answers and without the header.</summary>
    private static TimeSpan? BusyDelay(HttpResponseMessage answer)
    {
        if (answer.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)) return null;
        var wait = answer.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - TimeProvider.System.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        return wait is null ? null : TimeSpan.FromTicks(Math.Clamp(wait.Value.Ticks, 0, MaxBusyDelay.Ticks));
    }
}
