using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ContinualDash.Bench.Ingest;

/// <summary>Posts batches to <c>/api/runs/{id}/metrics</c> from this process for a fixed time.</summary>
internal static class IngestBench
{
    public sealed record Result(long Points, double Seconds, double[] BatchMs)
    {
        public double PointsPerSecond => Points / Seconds;
    }

    public static async Task<long> CreateRunAsync(HttpClient http, string name)
    {
        var response = await http.PostAsJsonAsync("/api/runs", new { name, tasks = Enumerable.Range(0, GeneratedPoints.Tasks).Select(k => new { name = $"T{k}" }) });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public static async Task<Result> RunAsync(HttpClient http, long runId, int writers, int batchSize, TimeSpan duration)
    {
        long next = -1, points = 0;
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            var mine = new List<double>();
            while (clock.Elapsed < duration)
            {
                var batch = Interlocked.Increment(ref next);
                var body = Serialize(batch, batchSize);
                var started = Stopwatch.GetTimestamp();
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync($"/api/runs/{runId}/metrics", content);
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"batch {batch}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Add(ref points, batchSize);
            }
            lock (latencies) latencies.AddRange(mine);
        }));
        return new Result(points, clock.Elapsed.TotalSeconds, [.. latencies]);
    }

    /// <summary>Batch <paramref name="batch"/> as the Python client would send it, with its own key.</summary>
    private static byte[] Serialize(long batch, int size)
    {
        var rows = new GeneratedPoints(batch * size / GeneratedPoints.Tasks, size);
        using var buffer = new MemoryStream(size * 90);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("batch", $"b{batch}");
            json.WriteStartArray("points");
            foreach (var p in rows)
            {
                json.WriteStartObject();
                json.WriteString("name", p.Name);
                json.WriteNumber("task", p.Task!.Value);
                json.WriteNumber("iteration", p.Iteration);
                json.WriteNumber("value", p.Value);
                json.WriteNumber("time", p.WallTimeMs!.Value);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
