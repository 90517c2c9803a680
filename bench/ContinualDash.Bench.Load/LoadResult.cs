using System.Globalization;

namespace ContinualDash.Bench.Load;

/// <summary>What one load run measured, and its lines for the report.</summary>
internal sealed record LoadResult(
    string Provider, LoadOptions Options, TimeSpan Elapsed, long Acknowledged, int Batches, long Stored, int Errors,
    double[] LatencyMs, int SseEvents, long SsePoints, long SseExpectedPoints, double[] SseLagMs)
{
    public IEnumerable<(string Label, string Value)> Lines()
    {
        var seconds = Elapsed.TotalSeconds;
        yield return ("window", F($"{seconds:F1} s, {Options.Loggers} loggers x batches of {Options.BatchSize}, {Options.Subscribers} SSE subscribers"));
        yield return ("throughput", F($"{Acknowledged / seconds:N0} points/s ({Batches / seconds:N0} batches/s)"));
        yield return ("post latency", F($"p50 {Percentile(LatencyMs, 0.5):F1} ms, p95 {Percentile(LatencyMs, 0.95):F1} ms, p99 {Percentile(LatencyMs, 0.99):F1} ms, max {LatencyMs.DefaultIfEmpty().Max():F1} ms"));
        yield return ("errors", F($"{Errors} (failed attempts, retried, plus broken streams)"));
        yield return ("SSE", F($"{SseEvents:N0} events; run streams got {SsePoints:N0} of {SseExpectedPoints:N0} points"));
        yield return ("SSE lag", F($"p50 {Percentile(SseLagMs, 0.5):F0} ms, p95 {Percentile(SseLagMs, 0.95):F0} ms, max {SseLagMs.DefaultIfEmpty().Max():F0} ms"));
        yield return ("stored vs acknowledged", F($"{Stored:N0} stored, {Acknowledged:N0} acknowledged: {(Stored == Acknowledged ? "nothing lost" : "MISMATCH")}"));
    }

    /// <summary>Nothing lost, no errors, every watched point delivered.</summary>
    public bool Ok => Stored == Acknowledged && Errors == 0 && SsePoints == SseExpectedPoints;

    private static double Percentile(double[] values, double q)
    {
        if (values.Length == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(q * sorted.Length) - 1)];
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
