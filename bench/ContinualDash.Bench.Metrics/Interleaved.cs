namespace ContinualDash.Bench.Metrics;

/// <summary>
/// Runs every variant once per round, round after round, so that a change in machine load affects all
/// variants alike; records wall and thread-CPU milliseconds and the bytes allocated by the last round.
/// </summary>
internal static class Interleaved
{
    public sealed record Result(List<double>[] Wall, List<double>[] Cpu, long[] Allocated);

    public static Result Measure(int variants, int runs, Action<int> run)
    {
        for (var v = 0; v < variants; v++) run(v); // warm-up and JIT
        var result = new Result(
            Enumerable.Range(0, variants).Select(_ => new List<double>()).ToArray(),
            Enumerable.Range(0, variants).Select(_ => new List<double>()).ToArray(),
            new long[variants]);
        for (var r = 0; r < runs; r++)
        {
            for (var v = 0; v < variants; v++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var start = ThreadClock.Now();
                run(v);
                var (wallMs, cpuMs) = ThreadClock.Since(start);
                result.Allocated[v] = GC.GetAllocatedBytesForCurrentThread() - before;
                result.Wall[v].Add(wallMs);
                result.Cpu[v].Add(cpuMs);
            }
        }
        return result;
    }
}
