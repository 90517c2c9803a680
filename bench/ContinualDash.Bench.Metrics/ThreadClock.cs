using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ContinualDash.Bench.Metrics;

/// <summary>
/// Wall time and this thread's CPU time. The benchmark machines are shared (load averages above 10 on 2
/// cores are common), so wall time mostly measures waiting for a core; thread CPU time measures the work.
/// </summary>
internal static partial class ThreadClock
{
    private const int ThreadCpuTimeId = 3; // CLOCK_THREAD_CPUTIME_ID on Linux

    public readonly record struct Sample(long WallTicks, long CpuNs);

    public static Sample Now() => new(Stopwatch.GetTimestamp(), CpuNs());

    /// <summary>(wall ms, thread CPU ms) since <paramref name="start"/>.</summary>
    public static (double WallMs, double CpuMs) Since(Sample start)
    {
        var cpu = CpuNs();
        var wall = Stopwatch.GetTimestamp();
        return (Stats.Milliseconds(wall - start.WallTicks), (cpu - start.CpuNs) / 1e6);
    }

    private static long CpuNs() => ClockNs(ThreadCpuTimeId);

    /// <summary>Nanoseconds of a POSIX clock (0 off Linux).</summary>
    internal static long ClockNs(int clock)
    {
        if (!OperatingSystem.IsLinux()) return 0;
        ClockGetTime(clock, out var ts);
        return ts.Seconds * 1_000_000_000 + ts.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec time);
}
