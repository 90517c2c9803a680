using ContinualDash.Core.Data;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Tracking;

namespace ContinualDash.Testing;

/// <summary>
/// Logs runs through the services the tracking API calls (create, points, boundaries, finish), so their final
/// metrics are the ones production code computes and stores; tests never write those columns themselves.
/// </summary>
public static class TrackedRuns
{
    /// <summary>
    /// A finished 2-task run whose stored final avg-ACC is <paramref name="avgAcc"/> and WC-ACC
    /// <paramref name="wcAcc"/> (at most <paramref name="avgAcc"/>): task 0 ends at 0.9 (b_0 = 0), dips to
    /// low at t = 1 and ends at m, task 1 ends at y (b_1 = 2), so avg-ACC = (m + y) / 2, min-ACC = low and
    /// WC-ACC = (y + low) / 2.
    /// </summary>
    public static async Task<long> LogTwoTasksAsync(DashDbContext db, NewRun spec, double avgAcc, double wcAcc, string status = "succeeded")
    {
        if (wcAcc > avgAcc) throw new ArgumentException("WC-ACC cannot exceed avg-ACC in this stream", nameof(wcAcc));
        var y = Math.Min(1, 2 * wcAcc);
        var (m, low) = (2 * avgAcc - y, 2 * wcAcc - y);
        var runId = await CreateAsync(db, spec);
        await LogAsync(db, runId, [new("accuracy", 0, 0, 0.9)]);
        await EndTaskAsync(db, runId, 0, 0);
        await LogAsync(db, runId, [new("accuracy", 0, 1, low), new("accuracy", 0, 2, m), new("accuracy", 1, 2, y)]);
        await EndTaskAsync(db, runId, 1, 2);
        await FinishAsync(db, runId, status);
        return runId;
    }

    public static async Task<long> CreateAsync(DashDbContext db, NewRun spec) =>
        (await new RunCreator(db, TimeProvider.System).CreateAsync(spec, null, CancellationToken.None)).Id;

    public static Task LogAsync(DashDbContext db, long runId, IReadOnlyList<MetricPointInput> points) =>
        new MetricWriter(db, TimeProvider.System).WriteAsync(runId, null, 1, points, CancellationToken.None);

    public static Task EndTaskAsync(DashDbContext db, long runId, int task, long iteration) =>
        new BoundaryRecorder(db, new LiveRunMetrics(TimeProvider.System)).RecordAsync(runId, task, iteration, CancellationToken.None);

    public static Task FinishAsync(DashDbContext db, long runId, string status = "succeeded") =>
        new RunFinisher(db, TimeProvider.System, new LiveRunMetrics(TimeProvider.System)).FinishAsync(runId, status, null, CancellationToken.None);
}
