using System.Globalization;

namespace ContinualDash.Bench.Load;

/// <summary>What one load run measured, and its lines for the report. <paramref name="Ingest"/> is the change
/// of <c>/healthz</c>'s ingest counters over the window, null when the build has none; <paramref name="Setup"/>
/// is the time the loggers' runs took to create.</summary>
internal sealed record LoadResult(
    string Provider, string Build, LoadOptions Options, TimeSpan Setup, TimeSpan Elapsed, long Acknowledged, int Batches, long Stored,
    int Errors, int BusyRetries, double[] LatencyMs, int SseEvents, long SsePoints, long SseExpectedPoints,
    double[] SseLagMs, double[] ListLagMs, int ListChanges, IngestCounters? Ingest)
{
    public double Throughput => Acknowledged / Elapsed.TotalSeconds;

    public double PostP95 => Percentile(LatencyMs, 0.95);

    public double SseLagP95 => Percentile(SseLagMs, 0.95);

    public double ListLagP95 => Percentile(ListLagMs, 0.95);

    public IEnumerable<(string Label, string Value)> Lines()
    {
        var seconds = Elapsed.TotalSeconds;
        yield return ("window", F($"{seconds:F1} s, {Options.Loggers} loggers x batches of {Options.BatchSize}, {Options.Subscribers} SSE subscribers"));
        yield return ("setup", F($"{Options.Loggers} runs created in {Setup.TotalSeconds:F1} s (16 at a time)"));
        yield return ("throughput", F($"{Throughput:N0} points/s ({Batches / seconds:N0} batches/s)"));
        yield return ("post latency", F($"p50 {Percentile(LatencyMs, 0.5):F1} ms, p95 {PostP95:F1} ms, p99 {Percentile(LatencyMs, 0.99):F1} ms, max {LatencyMs.DefaultIfEmpty().Max():F1} ms"));
        yield return ("errors", F($"{Errors} (failed attempts other than busy, retried, plus broken streams)"));
        yield return ("busy retries", F($"{BusyRetries} (503/429 with Retry-After, retried after the time asked)"));
        yield return ("ingest", Ingest is { } i
            ? F($"{i.Commits / seconds:N1} commits/s, {Ratio(i.Points, i.Commits)} points/commit, {Ratio(i.Batches, i.Commits)} batches/commit, {i.Busy} busy")
            : "n/a (no ingest counters in /healthz)");
        yield return ("SSE", F($"{SseEvents:N0} events; run streams got {SsePoints:N0} of {SseExpectedPoints:N0} points"));
        yield return ("SSE lag (run streams)", Lag(SseLagMs));
        yield return ("list lag (run list)", ListChanges == 0 ? "n/a (no run-list subscribers)"
            : Lag(ListLagMs) + F($" ({ListLagMs.Length:N0} status events of {ListChanges:N0} churn changes)"));
        yield return ("stored vs acknowledged", F($"{Stored:N0} stored, {Acknowledged:N0} acknowledged: {(Stored == Acknowledged ? "nothing lost" : "MISMATCH")}"));
    }

    /// <summary>Nothing lost, no errors, every watched point delivered.</summary>
    public bool Ok => Stored == Acknowledged && Errors == 0 && SsePoints == SseExpectedPoints;

    public static double Percentile(double[] values, double q)
    {
        if (values.Length == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(q * sorted.Length) - 1)];
    }

    private static string Lag(double[] ms) =>
        F($"p50 {Percentile(ms, 0.5):F0} ms, p95 {Percentile(ms, 0.95):F0} ms, max {ms.DefaultIfEmpty(double.NaN).Max():F0} ms");

    private static string Ratio(long a, long b) => b == 0 ? "n/a" : F($"{(double)a / b:N1}");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
