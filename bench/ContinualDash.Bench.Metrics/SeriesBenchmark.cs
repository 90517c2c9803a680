using ContinualDash.Core.Series;

namespace ContinualDash.Bench.Metrics;

/// <summary>10 million points to 1,000 buckets: M4 and the envelope next to a bare min/max pass (the floor).</summary>
internal static class SeriesBenchmark
{
    public static void Run(int runs)
    {
        Console.WriteLine("## Series reduction: 10,000,000 points to 1,000 buckets");
        const int n = 10_000_000;
        var random = new Random(11);
        var xs = new double[n];
        var ys = new double[n];
        for (var i = 0; i < n; i++)
        {
            xs[i] = i;
            ys[i] = 0.5 + 0.4 * Math.Sin(i / 5000.0) + (random.NextDouble() - 0.5) * 0.05;
        }
        var variants = new (string Name, Func<int> Run)[]
        {
            ("M4 (first, last, min, max per bucket)", () => SeriesReduction.M4(xs, ys, 0, n - 1, 1000).Length),
            ("Envelope (min/max per bucket)", () => SeriesReduction.Envelope(xs, ys, 0, n - 1, 1000).Length),
            ("bare min/max pass (lower bound)", () => BareMinMax(ys)),
        };
        var sizes = new int[variants.Length];
        var (wall, cpu, _) = Interleaved.Measure(variants.Length, runs, v => sizes[v] = variants[v].Run());
        var floor = Stats.Median(cpu[2]);
        Console.WriteLine($"load average: {BatchBenchmark.LoadAverage()}");
        Console.WriteLine("| variant | median CPU ms | median wall ms | p90 wall ms | output size | ratio (CPU) to bare pass |");
        Console.WriteLine("|---|---|---|---|---|---|");
        for (var v = 0; v < variants.Length; v++)
        {
            var median = Stats.Median(cpu[v]);
            Console.WriteLine($"| {variants[v].Name} | {median:F1} | {Stats.Median(wall[v]):F1} | {Stats.Percentile(wall[v], 0.9):F1} | {sizes[v]} | {median / floor:F2} |");
        }
        Console.WriteLine();
    }

    private static int BareMinMax(double[] ys)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var y in ys)
        {
            if (y < min) min = y;
            if (y > max) max = y;
        }
        return min < max ? 2 : 1;
    }
}
