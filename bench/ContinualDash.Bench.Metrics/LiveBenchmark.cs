using ContinualDash.Core.Data;
using ContinualDash.Core.Evaluation;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Tracking;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Bench.Metrics;

/// <summary>
/// Live metrics of a large running run on a SQLite file database: the run is logged through the tracking
/// services, then the cold read that builds its evaluator, the full <c>cl-metrics</c> report a page load
/// fetches, and the live updates (<see cref="LiveUpdates"/>) against the whole-log recompute they replace.
/// </summary>
internal static class LiveBenchmark
{
    public static async Task RunAsync(LiveOptions o, CancellationToken ct)
    {
        Console.WriteLine($"## Live metrics: {o.Points:N0} accuracy points, {o.Tasks} tasks, {o.Viewers} viewers (SQLite file)");
        var folder = Directory.CreateTempSubdirectory("cdash-live-bench-").FullName;
        var connection = $"Data Source={Path.Combine(folder, "bench.db")}";
        try
        {
            await using var db = Open();
            await DatabaseStartup.MigrateAsync(db, ct);
            // The last task is open for the live phase: with every seen task evaluated, T - 1 whole tasks and
            // half of the last one hold P * T^2 / 2 points.
            var perTask = Math.Max(1, (int)(2L * o.Points / ((long)o.Tasks * o.Tasks)));
            var spec = new NewRun("live-bench", ConfigJson: """{"window": 100}""", Tasks: [.. Enumerable.Repeat<string?>(null, o.Tasks)]);
            var runId = (await new RunCreator(db, TimeProvider.System).CreateAsync(spec, null, ct)).Id;
            var trainer = new TrainerLogger(runId, o.Tasks, perTask);
            var start = ProcessClock.Now();
            await trainer.FillAsync(db, Open, o.Points, o.Batch, ct);
            var (fillWall, _) = ProcessClock.Since(start);
            Console.WriteLine($"filled: {trainer.Stored:N0} points over {trainer.NextIteration:N0} iterations ({o.Tasks} tasks of {perTask:N0} iterations, " +
                              $"the last one open) in batches of up to {o.Batch:N0}, {fillWall / 1000:F1} s wall " +
                              $"({trainer.Stored / (fillWall / 1000):N0} points/s); database {new FileInfo(Path.Combine(folder, "bench.db")).Length / 1048576.0:F0} MiB " +
                              $"(+ WAL); load average {BatchBenchmark.LoadAverage()}");

            var (live, settled) = await ColdReadsAsync(db, runId, o.ColdRuns, trainer.Stored, ct);
            await FullReportAsync(db, live, runId, o.ReportRuns, ct);
            await LiveUpdates.RunAsync(Open, db, trainer, live, runId, settled, o, ct);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }

        DashDbContext Open()
        {
            var builder = new DbContextOptionsBuilder<DashDbContext>();
            DatabaseOptions.Configure(builder, "Sqlite", connection);
            return new DashDbContext(builder.Options);
        }
    }

    /// <summary>
    /// A fresh <see cref="LiveRunMetrics"/> read once (as after a restart or an idle eviction): every chunk is
    /// read and fed. Returns the last one, kept for the live phase, and its settled rows.
    /// </summary>
    private static async Task<(LiveRunMetrics Live, int Settled)> ColdReadsAsync(
        DashDbContext db, long runId, int runs, long points, CancellationToken ct)
    {
        var cpu = new List<double>();
        var wall = new List<double>();
        // Every instance stays reachable until the end, so each run's growth of the heap is exactly one more
        // run's state: a dropped instance could still be reachable from a stack slot of this method and be
        // freed in the middle of the next measurement.
        var kept = new List<LiveRunMetrics>();
        var (settled, held, allocated) = (0, new List<long>(), 0L);
        for (var r = 0; r < runs; r++)
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var live = new LiveRunMetrics(TimeProvider.System);
            kept.Add(live);
            var start = ProcessClock.Now();
            settled = (await live.ReadAsync(db, runId, int.MaxValue, ct)).SettledRows;
            var (wallMs, cpuMs) = ProcessClock.Since(start);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            held.Add(GC.GetTotalMemory(forceFullCollection: true) - before);
            cpu.Add(cpuMs);
            wall.Add(wallMs);
        }
        Console.WriteLine($"cold read (fresh LiveRunMetrics, ReadAsync from row {int.MaxValue}), {runs} runs: median {Stats.Median(cpu):F0} CPU ms " +
                          $"(min {cpu.Min():F0}, max {cpu.Max():F0}), {Stats.Median(wall):F0} wall ms, {points / (Stats.Median(cpu) / 1000):N0} points/s (CPU); " +
                          $"allocated {allocated / 1048576.0:F0} MiB; held per live run after a full GC: {held.Min() / 1048576.0:F1} to {held.Max() / 1048576.0:F1} MiB " +
                          $"({(double)held.Max() / points:F1} bytes per point, {(double)held.Max() / settled:F0} bytes per settled row; {settled:N0} rows)");
        var readOnly = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var start = ProcessClock.Now();
            GC.KeepAlive(await RunEvaluations.ReadAsync(db, runId, 0, ct));
            readOnly.Add(ProcessClock.Since(start).CpuMs);
        }
        Console.WriteLine($"  of which reading and decoding every chunk (RunEvaluations.ReadAsync alone): median {Stats.Median(readOnly):F0} CPU ms; " +
                          $"peak working set so far {PeakWorkingSetMiB():F0} MiB");
        kept.RemoveRange(0, kept.Count - 1);
        return (kept[0], settled);
    }

    /// <summary>What <c>GET /api/runs/{id}/cl-metrics</c> does for a live run: every row, written as indented S7 JSON.</summary>
    private static async Task FullReportAsync(DashDbContext db, LiveRunMetrics live, long runId, int runs, CancellationToken ct)
    {
        var (read, json, wall) = (new List<double>(), new List<double>(), new List<double>());
        var (size, rows, allocated) = (0, 0, 0L);
        for (var r = 0; r < runs; r++)
        {
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var start = ProcessClock.Now();
            var view = await live.ReadAsync(db, runId, 0, ct);
            var (_, readMs) = ProcessClock.Since(start);
            var jsonStart = ProcessClock.Now();
            var bytes = MetricsReportJson.ToUtf8Bytes(view.Report!);
            var (_, jsonMs) = ProcessClock.Since(jsonStart);
            wall.Add(ProcessClock.Since(start).WallMs);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            (size, rows) = (bytes.Length, view.Report!.PerIteration.Count);
            read.Add(readMs);
            json.Add(jsonMs);
        }
        Console.WriteLine($"full cl-metrics report (ReadAsync from row 0 + MetricsReportJson.ToUtf8Bytes), {runs} runs: median " +
                          $"{Stats.Median(read.Zip(json, (a, b) => a + b).ToList()):F0} CPU ms (read {Stats.Median(read):F0}, JSON {Stats.Median(json):F0}), " +
                          $"{Stats.Median(wall):F0} wall ms; {rows:N0} per-iteration rows, JSON {size / 1048576.0:F1} MiB ({size:N0} bytes); " +
                          $"allocated {allocated / 1048576.0:F0} MiB; peak working set so far {PeakWorkingSetMiB():F0} MiB");
    }

    internal static double PeakWorkingSetMiB() => System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
}
