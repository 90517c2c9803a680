using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ContinualDash.Testing;

/// <summary>
/// One run logged through the tracking HTTP API the way clients/python does it: every batch carries a key
/// and is sent again with the same key after a network error or a 5xx, so the server stores it once. It
/// counts what the server acknowledged (2xx), which fault tests and the load bench check against the database.
/// </summary>
public sealed class HttpRunLogger(HttpClient http, string name)
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    public string Name { get; } = name;

    public long RunId { get; private set; }

    /// <summary>Points in batches the server answered with 2xx.</summary>
    public int AcknowledgedPoints { get; private set; }

    /// <summary>Batches the server answered with 2xx.</summary>
    public int AcknowledgedBatches { get; private set; }

    /// <summary>Attempts that failed (connection refused or cut, or a 5xx) and were retried.</summary>
    public int FailedAttempts { get; private set; }

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
            try
            {
                answer = await http.PostAsJsonAsync(path, body, ct);
                if (answer.IsSuccessStatusCode) return answer;
                if ((int)answer.StatusCode < 500)
                    throw new InvalidOperationException($"{Name}: POST {path} was refused with {(int)answer.StatusCode}: " +
                        await answer.Content.ReadAsStringAsync(ct));
                FailureStatuses.Add(answer.StatusCode);
                answer.Dispose();
            }
            catch (HttpRequestException)
            {
                answer?.Dispose();
            }
            FailedAttempts++;
            await Task.Delay(delay, ct);
            delay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, delay.Ticks * 2));
        }
    }
}
