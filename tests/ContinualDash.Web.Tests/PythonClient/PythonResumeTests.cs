using System.Text.Json;
using ContinualDash.Core.Runs;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.PythonClient;

/// <summary><c>init(resume=RUN_ID)</c>: a training process killed mid-run (SIGKILL, as when a node dies) and
/// restarted from its last checkpoint continues the same run; the iterations it logs again are not stored twice.</summary>
[Collection(PythonCollection.Name)]
public sealed class PythonResumeTests : IDisposable
{
    private readonly string checkpoint = Path.GetTempFileName();

    [Fact]
    public async Task Resume_AfterKill_ContinuesSameRunWithEveryPointOnce()
    {
        await using var app = new DashFactory();
        app.UseKestrel(0);
        app.StartServer();
        var env = PythonProcess.ClientEnvironment(app, await PythonProcess.TokenAsync(app));
        string[] args = [Path.Combine(PythonProcess.ClientDirectory, "tests", "resume_scenario.py"), env["CONTINUALDASH_URL"], env["CONTINUALDASH_TOKEN"], checkpoint];

        using (var first = PythonProcess.Start(args))
        {
            // Killed during task 1, after its boundary and a checkpoint past it.
            await first.WaitUntilAsync(app.CreateDbContext,
                async db => (await StoredPoints.AllAsync(db)).Any(p => p.Name == "loss" && p.Iteration >= 260));
            await first.KillAsync();
        }
        long runId;
        await using (var db = app.CreateDbContext())
        {
            var run = await db.Runs.AsNoTracking().SingleAsync();
            Assert.Equal(RunStatus.Running, run.Status);
            runId = run.Id;
        }

        var (exit, stdout, stderr) = await PythonProcess.RunAsync([.. args, runId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.True(exit == 0, stdout + stderr);
        var lines = stdout.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(runId, lines[0].GetProperty("runId").GetInt64());
        var start = lines[0].GetProperty("start").GetInt32();
        Assert.True(lines[0].GetProperty("startIteration").GetInt32() > start, "the checkpoint is behind what was stored");
        Assert.Equal([0], lines[0].GetProperty("completedTasks").EnumerateArray().Select(t => t.GetInt32()));
        Assert.True(lines[^1].GetProperty("skipped").GetInt32() > 0, "iterations logged again were left out");

        await using var check = app.CreateDbContext();
        var resumed = await check.Runs.AsNoTracking().SingleAsync();
        Assert.Equal((runId, RunStatus.Succeeded), (resumed.Id, resumed.Status));
        var points = await StoredPoints.AllAsync(check, runId);
        var loss = points.Where(p => p.Name == "loss").Select(p => p.Iteration).Order();
        Assert.Equal(Enumerable.Range(0, 400).Select(i => (long)i), loss);
        Assert.Equal(400 + 400 + 200, points.Count);
        Assert.Equal(points.Count, points.Select(p => (p.Name, p.Task, p.Iteration)).Distinct().Count());
        Assert.All(points.Where(p => p.Name == "loss"), p => Assert.Equal(1.0 / (p.Iteration + 1), p.Value));
        Assert.Equal([199L, 399L], await check.TaskPhases.OrderBy(p => p.TaskIndex).Select(p => p.BoundaryIteration).ToListAsync());
    }

    public void Dispose()
    {
        File.Delete(checkpoint);
        File.Delete(checkpoint + ".tmp");
    }
}
