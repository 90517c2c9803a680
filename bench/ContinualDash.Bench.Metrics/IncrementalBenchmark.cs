using System.Diagnostics;
using ContinualDash.Core.Evaluation;

namespace ContinualDash.Bench.Metrics;

/// <summary>Cost of each AddEvaluation on the same log, fed live (boundaries announced as tasks end).</summary>
internal static class IncrementalBenchmark
{
    public static void Run(int runs)
    {
        Console.WriteLine("## Incremental: the same log fed one evaluation at a time");
        var log = BenchLog.Create(20, 50_000, 100);
        var evals = log.Evaluations;
        var costs = new double[evals.Count];
        var medians = new List<double>();
        var p99s = new List<double>();
        var maxima = new List<double>();
        var totals = new List<double>();
        var timerOverhead = TimerOverheadNs();
        for (var r = 0; r <= runs; r++)
        {
            var feed = new LiveFeed(log);
            var total = Stopwatch.GetTimestamp();
            for (var j = 0; j < evals.Count; j++)
            {
                var e = evals[j];
                feed.Before(e.Iteration);
                var start = Stopwatch.GetTimestamp();
                feed.Evaluator.AddEvaluation(e);
                costs[j] = (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency;
            }
            var elapsed = Stats.Milliseconds(Stopwatch.GetTimestamp() - total);
            if (r == 0) continue; // warm-up
            medians.Add(Stats.Median(costs));
            p99s.Add(Stats.Percentile(costs, 0.99));
            maxima.Add(costs.Max());
            totals.Add(elapsed);
        }
        Console.WriteLine($"runs: {runs}; per AddEvaluation, timer included (an empty timed region costs {timerOverhead:F0} ns):");
        Console.WriteLine($"median {Stats.Median(medians):F0} ns, p99 {Stats.Median(p99s):F0} ns, max {Stats.Median(maxima):F0} ns (medians over runs)");
        Console.WriteLine($"whole feed incl. timing: median {Stats.Median(totals):F1} ms");

        var cut = evals.Count / 2;
        var live = new LiveFeed(log).Feed(cut).Evaluator;
        var currentTimes = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var start = Stopwatch.GetTimestamp();
            GC.KeepAlive(live.Current());
            currentTimes.Add(Stats.Milliseconds(Stopwatch.GetTimestamp() - start));
        }
        Console.WriteLine($"Current() half-way through the run ({cut:N0} evaluations): median {Stats.Median(currentTimes):F2} ms");
        Console.WriteLine();
    }

    private static double TimerOverheadNs()
    {
        var samples = new double[100_000];
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            samples[i] = (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency;
        }
        return Stats.Median(samples);
    }
}
