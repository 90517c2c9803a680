using System.Text.Json;
using ContinualDash.Core.Runs;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.PythonClient;

/// <summary>
/// Offline runs and <c>continualdash-sync</c> against the real server: a run written offline and uploaded by
/// a sync that is killed mid-way, then run twice more; and an online run whose server went away, whose buffer
/// overflowed to disk. Either way the stored points are the directory's points, once each.
/// </summary>
[Collection(PythonCollection.Name)]
public sealed class PythonOfflineTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("cdash-offline-").FullName;

    [Fact]
    public async Task Sync_InterruptedThenRepeated_StoresEveryOfflinePointOnce()
    {
        await using var app = new DashFactory();
        app.UseKestrel(0);
        app.StartServer();
        var env = PythonProcess.ClientEnvironment(app, await PythonProcess.TokenAsync(app));
        var (exit, stdout, stderr) = await PythonProcess.RunAsync([Scenario, "write", root]);
        Assert.True(exit == 0, stdout + stderr);
        var directory = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement.GetProperty("directory").GetString()!;
        var written = OfflinePoints(directory);
        Assert.Equal(1000, written.Count);

        // First sync, slowed down, killed once a few batches are stored.
        using (var first = PythonProcess.Start(["-m", "continualdash.sync", directory, "--pause", "0.2"], env))
        {
            await first.WaitUntilAsync(app.CreateDbContext, async db => await db.MetricBatches.CountAsync() >= 3);
            await first.KillAsync();
        }
        await using (var db = app.CreateDbContext())
            Assert.InRange(await StoredPoints.CountAsync(db), 1, written.Count - 1);
        for (var i = 0; i < 2; i++)
        {
            var sync = await PythonProcess.RunAsync(["-m", "continualdash.sync", directory], env);
            Assert.True(sync.Exit == 0, sync.Stdout + sync.Stderr);
        }

        await using var check = app.CreateDbContext();
        var run = await check.Runs.AsNoTracking().SingleAsync();
        Assert.Equal((RunStatus.Succeeded, "offline-run"), (run.Status, run.Name));
        await AssertStoredEqualAsync(check, run.Id, written);
    }

    [Fact]
    public async Task OnlineRun_ServerAwayAndBufferFull_OverflowGoesToDiskAndSyncStoresItOnce()
    {
        await using var app = new DashFactory();
        app.UseKestrel(0);
        app.StartServer();
        var env = PythonProcess.ClientEnvironment(app, await PythonProcess.TokenAsync(app));

        var (exit, stdout, stderr) = await PythonProcess.RunAsync([Scenario, "spill", env["CONTINUALDASH_URL"], env["CONTINUALDASH_TOKEN"], root]);

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("buffer full", stderr);
        var report = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement;
        Assert.False(report.GetProperty("finished").GetBoolean());
        var directory = report.GetProperty("directory").GetString()!;
        // The server was away through the whole run: the directory holds every point, nothing was dropped.
        Assert.Equal(1000, OfflinePoints(directory).Count);
        // The recorded address was the proxy's, which is gone: --url names the same dashboard anew.
        for (var i = 0; i < 2; i++)
        {
            var sync = await PythonProcess.RunAsync(["-m", "continualdash.sync", directory, "--url", env["CONTINUALDASH_URL"]], env);
            Assert.True(sync.Exit == 0, sync.Stdout + sync.Stderr);
        }

        await using var check = app.CreateDbContext();
        var run = await check.Runs.AsNoTracking().SingleAsync();
        Assert.Equal((report.GetProperty("runId").GetInt64(), RunStatus.Succeeded), (run.Id, run.Status));
        await AssertStoredEqualAsync(check, run.Id, OfflinePoints(directory));
        Assert.Equal([199L, 399L], await check.TaskPhases.OrderBy(p => p.TaskIndex).Select(p => p.BoundaryIteration).ToListAsync());
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static string Scenario => Path.Combine(PythonProcess.ClientDirectory, "tests", "offline_scenario.py");

    private static async Task AssertStoredEqualAsync(Core.Data.DashDbContext db, long runId, List<(string, int?, long, double)> expected)
    {
        var stored = (await StoredPoints.AllAsync(db, runId)).Select(p => (p.Name, p.Task, p.Iteration, p.Value)).ToList();
        Assert.Equal(expected.Order(), stored.Order());
    }

    /// <summary>The points of a run directory's ops.jsonl, read by the test itself.</summary>
    private static List<(string, int?, long, double)> OfflinePoints(string directory) =>
        File.ReadAllLines(Path.Combine(directory, "ops.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(op => op.TryGetProperty("points", out _))
            .SelectMany(op => op.GetProperty("points").GetProperty("points").EnumerateArray())
            .Select(p => (p.GetProperty("name").GetString()!,
                p.TryGetProperty("task", out var t) ? t.GetInt32() : (int?)null,
                p.GetProperty("iteration").GetInt64(), p.GetProperty("value").GetDouble()))
            .ToList();
}
