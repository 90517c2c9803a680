using ContinualDash.Core.Runs;
using ContinualDash.Testing;
using ContinualDash.Web.Launch;
using ContinualDash.Web.Tests.Launch;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.PythonClient;

/// <summary>
/// examples/pytorch_split_fmnist.py, real PyTorch (Debian's python3-torch, CPU) on Debian's Fashion-MNIST, in
/// its short variant (2 tasks x 30 updates, evaluation every 5 updates): as a plain process, and as a command
/// job launched from the Launch form and run by the in-process worker.
/// </summary>
[Collection(PythonCollection.Name)]
public sealed class PythonExampleTests
{
    private static readonly string[] ShortVariant = ["examples/pytorch_split_fmnist.py", "--short", "--device", "cpu", "--seed", "0"];

    [Fact]
    public async Task Example_ShortVariantAsProcess_LogsPerTaskAccuracyBoundariesLiveAndSucceeds()
    {
        await using var app = new DashFactory();
        app.UseKestrel(0);
        app.StartServer();
        var token = await PythonProcess.TokenAsync(app);

        var (exit, stdout, stderr) = await PythonProcess.RunAsync(ShortVariant, PythonProcess.ClientEnvironment(app, token));

        Assert.True(exit == 0, $"the example exited {exit}\n{stdout}\n{stderr}");
        await using var db = app.CreateDbContext();
        var run = await db.Runs.AsNoTracking().SingleAsync();
        Assert.Equal((RunStatus.Succeeded, "ER", "SplitFashionMNIST"), (run.Status, run.Strategy, run.Benchmark));
        await AssertContinualEvaluationAsync(db, run.Id);
        // Sent while training (about one batch a second), not all at the end.
        Assert.True(await db.MetricBatches.CountAsync() >= 2, "points were sent in one batch");
    }

    [Fact]
    public async Task Example_AsCommandJobFromLaunchForm_RunsOnInProcessWorkerAndSucceeds()
    {
        await using var app = new DashFactory();
        app.Settings["Workers:InProcessSlots"] = "1";
        app.UseKestrel(0);
        app.StartServer();

        // The Kestrel address: the factory's default client options still name http://localhost.
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = app.ClientOptions.BaseAddress });
        var launched = await LaunchForm.PostCommandAsync(browser, new CommandLaunchInput
        {
            Name = "pytorch-example",
            CommandLine = $"{PythonProcess.Interpreter} {string.Join(' ', ShortVariant)}",
            WorkingDirectory = PythonProcess.RepositoryRoot,
        });
        // Redirected to the new run's page (the client follows redirects over Kestrel).
        Assert.True(launched.IsSuccessStatusCode && launched.RequestMessage!.RequestUri!.AbsolutePath == "/runs/1",
            $"{launched.StatusCode} {launched.RequestMessage?.RequestUri}");

        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            await using var db = app.CreateDbContext();
            if (await db.Jobs.AnyAsync(j => j.FinishedAt != null, deadline.Token)) break;
            await Task.Delay(100, deadline.Token);
        }
        await using var check = app.CreateDbContext();
        var run = await check.Runs.AsNoTracking().SingleAsync();
        Assert.True(run.Status == RunStatus.Succeeded, $"{run.Status}: {run.Error}");
        await AssertContinualEvaluationAsync(check, run.Id);
    }

    /// <summary>Every seen task evaluated every 5 updates, both boundaries, the training loss every update,
    /// and a model that learned task 0 before the switch.</summary>
    private static async Task AssertContinualEvaluationAsync(Core.Data.DashDbContext db, long runId)
    {
        var points = await StoredPoints.AllAsync(db, runId);
        var accuracy = points.Where(p => p.Name == "accuracy").ToLookup(p => p.Task);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => 5L * i), accuracy[0].Select(p => p.Iteration).Order());
        Assert.Equal(Enumerable.Range(7, 6).Select(i => 5L * i), accuracy[1].Select(p => p.Iteration).Order());
        Assert.True(accuracy[0].Single(p => p.Iteration == 30).Value > 0.8, "task 0 was learned");
        Assert.Equal(60, points.Count(p => p.Name == "loss"));
        Assert.Equal(points.Count, points.Select(p => (p.Name, p.Task, p.Iteration)).Distinct().Count());
        var boundaries = await db.TaskPhases.Where(p => p.RunId == runId).OrderBy(p => p.TaskIndex)
            .Select(p => p.BoundaryIteration).ToListAsync();
        Assert.Equal([30L, 60L], boundaries);
    }
}
