using System.Text.Json;
using ContinualDash.Core.Runs;
using ContinualDash.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.Tracking;

/// <summary>
/// The Python client (clients/python) against the real server on a loopback port, run by Debian's python3:
/// the scenario script goes through a proxy that loses an answer and then refuses connections for a while.
/// </summary>
public sealed class PythonClientTests
{
    [Fact]
    public async Task Client_ThroughLostAnswerAndOutage_StoresEveryPointOnceAndFinishes()
    {
        await using var app = new DashFactory();
        app.UseKestrel(0);
        app.StartServer();
        var token = await PythonClient.PythonProcess.TokenAsync(app);

        var (exit, stdout, stderr) = await PythonClient.PythonProcess.RunAsync([
            Path.Combine(PythonClient.PythonProcess.ClientDirectory, "tests", "client_scenario.py"),
            app.ClientOptions.BaseAddress.ToString().TrimEnd('/'), token]);

        Assert.True(exit == 0, $"python exited {exit}\n{stdout}\n{stderr}");
        var report = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement;
        Assert.True(report.GetProperty("retried").GetInt32() >= 1, "the lost batch was sent again");
        Assert.True(report.GetProperty("refused").GetInt32() >= 3);
        Assert.Contains("cannot reach", stderr);
        Assert.Contains("skipped", stderr);
        await using var check = app.CreateDbContext();
        var run = await check.Runs.Include(r => r.Tags).SingleAsync();
        Assert.Equal(report.GetProperty("runId").GetInt64(), run.Id);
        Assert.Equal((RunStatus.Succeeded, "ER"), (run.Status, run.Strategy));
        Assert.Equal(["python"], run.Tags.Select(t => t.Tag));
        var points = await StoredPoints.AllAsync(check);
        Assert.Equal(910, points.Count);
        Assert.Equal(910, points.Select(p => (p.Name, p.Task, p.Iteration)).Distinct().Count());
        Assert.Equal(report.GetProperty("distinctBatches").GetInt32(), await check.MetricBatches.CountAsync());
        Assert.Equal([(0, (long?)299), (1, 609)],
            (await check.TaskPhases.OrderBy(p => p.TaskIndex).ToListAsync()).Select(p => (p.TaskIndex, p.BoundaryIteration)));
        Assert.False(await check.MetricSeries.AnyAsync(s => s.Name == "loss"));
    }
}
