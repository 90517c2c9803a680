using System.Diagnostics;

namespace ContinualDash.Bench.Metrics;

/// <summary>
/// Wall time and the CPU time of the whole process. Database reads through EF Core may continue on another
/// thread after an await, so the thread clock would miss part of the work; the process clock counts all of
/// it, plus the GC's and the JIT's threads (the benchmark runs nothing else meanwhile).
/// </summary>
internal static class ProcessClock
{
    private const int ProcessCpuTimeId = 2; // CLOCK_PROCESS_CPUTIME_ID on Linux

    public static ThreadClock.Sample Now() => new(Stopwatch.GetTimestamp(), ThreadClock.ClockNs(ProcessCpuTimeId));

    /// <summary>(wall ms, process CPU ms) since <paramref name="start"/>.</summary>
    public static (double WallMs, double CpuMs) Since(ThreadClock.Sample start)
    {
        var cpu = ThreadClock.ClockNs(ProcessCpuTimeId);
        var wall = Stopwatch.GetTimestamp();
        return (Stats.Milliseconds(wall - start.WallTicks), (cpu - start.CpuNs) / 1e6);
    }
}
