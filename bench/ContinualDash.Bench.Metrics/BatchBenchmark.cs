using ContinualDash.Core.Evaluation;

namespace ContinualDash.Bench.Metrics;

/// <summary>
/// Batch throughput on the log: w = 10, 100 and 1000 (cost must not grow with w), shuffled input
/// (the sort), and the same evaluations fed live through <see cref="IncrementalEvaluator"/>, side by side.
/// </summary>
internal static class BatchBenchmark
{
    public static void Run(int runs)
    {
        Console.WriteLine("## Batch: 20 tasks, 50,000 iterations, every seen task every iteration");
        var baseLog = BenchLog.Create(20, 50_000, 100);
        var count = baseLog.Evaluations.Count;
        var shuffled = baseLog.Evaluations.ToArray();
        new Random(3).Shuffle(shuffled);
        var variants = new (string Name, Func<AccuracyLog, MetricsReport> Run, AccuracyLog Log)[]
        {
            ("Compute, w=100, sorted input", ContinualMetrics.Compute, baseLog),
            ("Compute, w=10", ContinualMetrics.Compute, baseLog with { Settings = new MetricsSettings(Window: 10) }),
            ("Compute, w=1000", ContinualMetrics.Compute, baseLog with { Settings = new MetricsSettings(Window: 1000) }),
            ("Compute, w=100, shuffled input", ContinualMetrics.Compute, baseLog with { Evaluations = shuffled }),
            ("IncrementalEvaluator feed + Current(), w=100", FeedLive, baseLog),
        };
        Console.WriteLine($"evaluations: {count:N0}, runs per variant: {runs} (interleaved), load average at start: {LoadAverage()}");
        var (wall, cpu, allocated) = Interleaved.Measure(variants.Length, runs, v => GC.KeepAlive(variants[v].Run(variants[v].Log)));
        var reference = Stats.Median(cpu[0]);
        Console.WriteLine("| variant | median CPU ms | evaluations/s (CPU) | median wall ms | ratio (CPU) to first | allocated per run |");
        Console.WriteLine("|---|---|---|---|---|---|");
        for (var v = 0; v < variants.Length; v++)
        {
            var cpuMs = Stats.Median(cpu[v]);
            Console.WriteLine($"| {variants[v].Name} | {cpuMs:F1} | {count / (cpuMs / 1000):N0} | {Stats.Median(wall[v]):F1} | {cpuMs / reference:F2} | {allocated[v] / 1048576.0:F1} MiB |");
        }

        var json = new List<double>();
        var size = 0;
        for (var r = 0; r < runs; r++)
        {
            var start = ThreadClock.Now();
            size = MetricsReportJson.ToUtf8Bytes(ContinualMetrics.Compute(baseLog)).Length;
            json.Add(ThreadClock.Since(start).CpuMs);
        }
        Console.WriteLine($"Compute + write the S7 JSON ({size / 1048576.0:F1} MiB, indented): median {Stats.Median(json):F1} CPU ms");
        Console.WriteLine();
    }

    private static MetricsReport FeedLive(AccuracyLog log) => new LiveFeed(log).Feed().End().Current();

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
