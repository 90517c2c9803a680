using System.Diagnostics;

namespace ContinualDash.Bench.Ingest;

/// <summary>Times a series request end to end (HTTP, query, reduction, JSON). The first request is timed on
/// its own: it is the one that fills the server's series cache.</summary>
internal static class SeriesBench
{
    public static async Task<(double First, double[] Times)> RunAsync(HttpClient http, string path, int samples)
    {
        var first = await TimeAsync(http, path);
        var times = new double[samples];
        for (var i = 0; i < samples; i++) times[i] = await TimeAsync(http, path);
        return (first, times);
    }

    private static async Task<double> TimeAsync(HttpClient http, string path)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
