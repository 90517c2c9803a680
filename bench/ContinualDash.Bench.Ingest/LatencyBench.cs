using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace ContinualDash.Bench.Ingest;

/// <summary>Posts one point at a time and times until it arrives on the run's event stream.</summary>
internal static class LatencyBench
{
    public static async Task<double[]> RunAsync(HttpClient writer, HttpClient reader, long runId, int samples)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var response = await reader.GetAsync($"/api/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        response.EnsureSuccessStatusCode();
        var events = SseParser.Create(await response.Content.ReadAsStreamAsync(cts.Token)).EnumerateAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var result = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            (await writer.PostAsJsonAsync($"/api/runs/{runId}/metrics",
                new { points = new[] { new { name = "probe", iteration = i, value = 1.0 } } }, cts.Token)).EnsureSuccessStatusCode();
            while (true)
            {
                if (!await events.MoveNextAsync()) throw new InvalidOperationException("the event stream ended");
                if (events.Current.EventType != "points") continue;
                using var data = JsonDocument.Parse(events.Current.Data);
                if (data.RootElement.EnumerateArray().Any(p => p.GetProperty("iteration").GetInt64() == i)) break;
            }
            result[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        return result;
    }
}
