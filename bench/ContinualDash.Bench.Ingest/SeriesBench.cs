using System.Diagnostics;

namespace ContinualDash.Bench.Ingest;

/// <summary>Times a series request end to end (HTTP, query, reduction, JSON), after one warm-up request.</summary>
internal static class SeriesBench
{
    public static async Task<double[]> RunAsync(HttpClient http, string path, int samples)
    {
        (await http.GetAsync(path)).EnsureSuccessStatusCode();
        var times = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(path);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        return times;
    }
}
