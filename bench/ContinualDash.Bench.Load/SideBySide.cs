using System.Globalization;

namespace ContinualDash.Bench.Load;

/// <summary>
/// The final table of a <c>--baseline</c> run, per provider: the median over the rounds of each build and
/// current / baseline. Rounds alternate builds, so a load change on the machine hits both about equally.
/// </summary>
internal static class SideBySide
{
    public static void Print(string provider, IReadOnlyList<LoadResult> baseline, IReadOnlyList<LoadResult> current)
    {
        Console.WriteLine(F($"\n## {provider}: current vs baseline, median of {current.Count} alternating round(s) per build\n"));
        Console.WriteLine("| measurement | baseline | current | current / baseline |");
        Console.WriteLine("|---|---|---|---|");
        Row("throughput, points/s", r => r.Throughput, "N0");
        Row("post latency p95, ms", r => r.PostP95, "F1");
        Row("SSE lag p95 (run streams), ms", r => r.SseLagP95, "F0");
        Row("list lag p95 (run list), ms", r => r.ListLagP95, "F0");
        Console.WriteLine(F($"| errors (all rounds) | {baseline.Sum(r => r.Errors)} | {current.Sum(r => r.Errors)} | |"));
        Console.WriteLine(F($"| busy retries (all rounds) | {baseline.Sum(r => r.BusyRetries)} | {current.Sum(r => r.BusyRetries)} | |"));
        Console.WriteLine(F($"| nothing lost, all points delivered (all rounds) | {Yes(baseline)} | {Yes(current)} | |"));

        void Row(string label, Func<LoadResult, double> measure, string format)
        {
            var (b, c) = (Median(baseline.Select(measure)), Median(current.Select(measure)));
            var ratio = double.IsNaN(b) || double.IsNaN(c) || b == 0 ? "n/a" : F($"{c / b:F2}x");
            Console.WriteLine($"| {label} | {b.ToString(format, CultureInfo.InvariantCulture)} | {c.ToString(format, CultureInfo.InvariantCulture)} | {ratio} |");
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string Yes(IEnumerable<LoadResult> results) => results.All(r => r.Ok) ? "yes" : "NO";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
