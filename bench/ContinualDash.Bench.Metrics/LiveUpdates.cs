using ContinualDash.Core.Data;
using ContinualDash.Core.Evaluation;
using ContinualDash.Core.LiveMetrics;

namespace ContinualDash.Bench.Metrics;

/// <summary>
/// The live phase: each update appends one batch of whole iterations, then every viewer reads, as a live
/// event stream does after each write: <see cref="LiveRunMetrics.ReadAsync"/> from the rows it already has
/// (each viewer its own context and its own settled rows). (The run page's script still refetches the
/// whole report; docs/PERFORMANCE.md gives that cost too.) On the last update, and every stride-th one before
/// it, every viewer then also refreshes the old way (<see cref="OldRecompute"/>) on the same log, and the
/// rows of both are compared. Viewers read one after another, so wall time is the sum of their reads.
/// </summary>
internal static class LiveUpdates
{
    private const int WarmUpUpdates = 3;

    public static async Task RunAsync(Func<DashDbContext> open, DashDbContext writer, TrainerLogger trainer,
        LiveRunMetrics live, long runId, int settledRows, LiveOptions o, CancellationToken ct)
    {
        var viewers = Enumerable.Range(0, o.Viewers).Select(_ => open()).ToArray();
        var settled = Enumerable.Repeat(settledRows, o.Viewers).ToArray();
        var (newCpu, newWall, newAlloc, firstCpu, otherCpu, rowsSent) = (new List<double>(), new List<double>(), new List<double>(),
            new List<double>(), new List<double>(), new List<double>());
        var (oldCpu, oldWall, oldAlloc, writeLog, parse, compute) = (new List<double>(), new List<double>(), new List<double>(),
            new List<double>(), new List<double>(), new List<double>());
        var (writeCpu, writeWall, perRecompute) = (new List<double>(), new List<double>(), new List<double>());
        var (logBytes, points, mismatches, compared) = (0, 0, 0, 0);
        MetricsReport? lastOld = null;
        LiveMetricsView? lastView = null;
        var stride = o.OldUpdates > 0 ? o.Updates / o.OldUpdates : int.MaxValue;
        try
        {
            await OldRecompute.RunAsync(viewers[0], runId, ct); // JIT of the old path
            for (var u = -WarmUpUpdates; u < o.Updates; u++)
            {
                var write = ProcessClock.Now();
                points = await trainer.AppendAsync(writer, o.UpdateIterations, ct);
                var (ww, wc) = ProcessClock.Since(write);

                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var start = ProcessClock.Now();
                var views = new LiveMetricsView[o.Viewers];
                var perViewer = new double[o.Viewers];
                for (var v = 0; v < o.Viewers; v++)
                {
                    var viewStart = ProcessClock.Now();
                    views[v] = await live.ReadAsync(viewers[v], runId, settled[v], ct);
                    perViewer[v] = ProcessClock.Since(viewStart).CpuMs;
                    settled[v] = views[v].SettledRows;
                }
                var (wallMs, cpuMs) = ProcessClock.Since(start);
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                if (u < 0) continue;
                writeCpu.Add(wc);
                writeWall.Add(ww);
                newCpu.Add(cpuMs);
                newWall.Add(wallMs);
                newAlloc.Add(allocated);
                firstCpu.Add(perViewer[0]);
                otherCpu.AddRange(perViewer.Skip(1));
                rowsSent.AddRange(views.Select(view => (double)view.Report!.PerIteration.Count));
                lastView = views[0];

                // The old path runs on the last update and every stride-th one before it, so the full check at the
                // end compares logs of the same length.
                var fromEnd = o.Updates - 1 - u;
                if (fromEnd % stride != 0 || fromEnd / stride >= o.OldUpdates) continue;
                allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                start = ProcessClock.Now();
                foreach (var viewer in viewers)
                {
                    var old = await OldRecompute.RunAsync(viewer, runId, ct);
                    (logBytes, lastOld) = (old.LogBytes, old.Report);
                    perRecompute.Add(old.WriteLogCpuMs + old.ParseCpuMs + old.ComputeCpuMs);
                    writeLog.Add(old.WriteLogCpuMs);
                    parse.Add(old.ParseCpuMs);
                    compute.Add(old.ComputeCpuMs);
                }
                (wallMs, cpuMs) = ProcessClock.Since(start);
                oldAlloc.Add(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
                oldCpu.Add(cpuMs);
                oldWall.Add(wallMs);
                var view = views[0];
                for (var i = 0; i < view.Report!.PerIteration.Count; i++, compared++)
                    if (view.Report.PerIteration[i] != lastOld!.PerIteration[view.FirstRow + i]) mismatches++;
            }

            Console.WriteLine($"live phase: {o.Updates} measured updates after {WarmUpUpdates} warm-up ones, each {o.UpdateIterations} iteration(s) = {points} points " +
                              $"in one batch; the old path on {oldCpu.Count} of them; load average {BatchBenchmark.LoadAverage()}");
            Console.WriteLine($"| per update, all {o.Viewers} viewers | updates | median CPU ms | p95 CPU ms | median wall ms | allocated per update |");
            Console.WriteLine("|---|---|---|---|---|---|");
            Console.WriteLine($"| live: LiveRunMetrics.ReadAsync from the viewer's settled rows | {newCpu.Count} | {Stats.Median(newCpu):F2} | {Stats.Percentile(newCpu, 0.95):F2} | " +
                              $"{Stats.Median(newWall):F2} | {Stats.Median(newAlloc) / 1024:F0} KiB |");
            if (oldCpu.Count > 0)
            {
                Console.WriteLine($"| old: RunAccuracyLog.WriteAsync + AccuracyLogJson.Parse + ContinualMetrics.Compute | {oldCpu.Count} | {Stats.Median(oldCpu):F0} | " +
                                  $"{Stats.Percentile(oldCpu, 0.95):F0} | {Stats.Median(oldWall):F0} | {Stats.Median(oldAlloc) / 1048576:F0} MiB |");
                Console.WriteLine($"ratio old/live per update: {Stats.Median(oldCpu) / Stats.Median(newCpu):N0}x CPU, {Stats.Median(oldWall) / Stats.Median(newWall):N0}x wall");
                Console.WriteLine($"old, per viewer recompute ({perRecompute.Count}): median {Stats.Median(perRecompute):F0} CPU ms (min {perRecompute.Min():F0}, " +
                                  $"max {perRecompute.Max():F0}): write the log {Stats.Median(writeLog):F0} ({logBytes / 1048576.0:F0} MiB of JSON), " +
                                  $"parse {Stats.Median(parse):F0}, compute {Stats.Median(compute):F0}; " +
                                  $"allocated {Stats.Median(oldAlloc) / o.Viewers / 1048576:F0} MiB");
                Console.WriteLine($"check: {compared - mismatches:N0} of {compared:N0} per-iteration rows sent live equal the whole-log recompute's");
            }
            Console.WriteLine($"live, per viewer (median CPU ms): the first reader, which feeds the new chunks, {Stats.Median(firstCpu):F3}; " +
                              $"each other reader {Stats.Median(otherCpu):F3} (p95 {Stats.Percentile(otherCpu, 0.95):F3}); rows sent per read: median {Stats.Median(rowsSent):F0}");
            Console.WriteLine($"writing the update's batch (MetricWriter, synchronous=FULL): median {Stats.Median(writeCpu):F2} CPU ms, {Stats.Median(writeWall):F2} wall ms");
            await DeltaAndFullCheckAsync(writer, live, runId, lastView!, lastOld, ct);
        }
        finally
        {
            foreach (var viewer in viewers) await viewer.DisposeAsync();
        }
    }

    /// <summary>The JSON an update sends one viewer, and every row of the live report against the last recompute.</summary>
    private static async Task DeltaAndFullCheckAsync(DashDbContext db, LiveRunMetrics live, long runId,
        LiveMetricsView view, MetricsReport? lastOld, CancellationToken ct)
    {
        var cpu = new List<double>();
        var size = 0;
        for (var r = 0; r < 20; r++)
        {
            var start = ProcessClock.Now();
            size = MetricsReportJson.ToUtf8Bytes(view.Report!).Length;
            cpu.Add(ProcessClock.Since(start).CpuMs);
        }
        Console.WriteLine($"one viewer's update as S7 JSON ({view.Report!.PerIteration.Count} rows + boundary rows, R, per-task, stability gap): " +
                          $"{size / 1024.0:F1} KiB, median {Stats.Median(cpu):F3} CPU ms to write");
        if (lastOld is null) return;
        var full = (await live.ReadAsync(db, runId, 0, ct)).Report!;
        var equal = full.PerIteration.Count == lastOld.PerIteration.Count
            ? full.PerIteration.Zip(lastOld.PerIteration).Count(p => p.First == p.Second)
            : -1;
        Console.WriteLine($"check: the full live report has {full.PerIteration.Count:N0} rows, the last recompute {lastOld.PerIteration.Count:N0}; equal rows: {equal:N0}");
    }
}
