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
            var evaluator = new IncrementalEvaluator(log.TaskBoundaries.Count, log.Settings);
            var next = 0;
            var total = Stopwatch.GetTimestamp();
            for (var j = 0; j < evals.Count; j++)
            {
                var e = evals[j];
                while (next < log.TaskBoundaries.Count && log.TaskBoundaries[next] < e.Iteration)
                    evaluator.AddBoundary(log.TaskBoundaries[next++]);
                var start = Stopwatch.GetTimestamp();
                evaluator.AddEvaluation(e);
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

        var live = new IncrementalEvaluator(log.TaskBoundaries.Count, log.Settings);
        var cut = evals.Count / 2;
        var b = 0;
        for (var j = 0; j < cut; j++)
        {
            while (b < log.TaskBoundaries.Count && log.TaskBoundaries[b] < evals[j].Iteration) live.AddBoundary(log.TaskBoundaries[b++]);
            live.AddEvaluation(evals[j]);
        }
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
