using System.Net;
using System.Text.RegularExpressions;
using ContinualDash.Core.Queue;
using ContinualDash.Core.Runs;
using ContinualDash.Web.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.Demo;

public sealed partial class DemoExperimentTests
{
    /// <summary>No in-process worker slot, so the demo's jobs stay queued where the test can see them.</summary>
    private sealed class IdleFactory : DashFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Workers:InProcessSlots", "0");
        }
    }

    [Fact]
    public async Task LaunchDemoButton_OnEmptyDatabase_QueuesFourBuiltinRunsOfOneExperimentAndRedirectsHome()
    {
        await using var factory = new IdleFactory();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var home = await client.GetStringAsync("/");
        Assert.Contains("Launch demo experiment", home);
        var token = TokenField().Match(home).Groups[1].Value;

        var response = await client.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "launch-demo", ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = factory.CreateDbContext();
        var experiment = await db.Experiments.SingleAsync();
        Assert.Equal(DemoExperiment.Name, experiment.Name);
        var runs = await db.Runs.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(["er seed 0", "er seed 1", "finetune seed 0", "finetune seed 1"], runs.Select(r => r.Name));
        Assert.All(runs, r => Assert.Equal((RunStatus.Queued, experiment.Id, "split-fmnist"), (r.Status, r.ExperimentId, r.Benchmark)));
        var jobs = await db.Jobs.AsNoTracking().ToListAsync();
        Assert.Equal(runs.Select(r => r.Id), jobs.Select(j => j.RunId).Order());
        Assert.All(jobs, j => Assert.Equal(JobKind.Builtin, j.Kind));
        Assert.Contains("\"strategy\":\"er\"", jobs[0].PayloadJson);

        var list = await client.GetStringAsync("/");
        Assert.Contains("finetune seed 1", list);
        Assert.DoesNotContain("Launch demo experiment", list);
    }

    [Fact]
    public async Task LaunchDemoButton_WithoutAntiforgeryToken_Returns400AndStoresNothing()
    {
        await using var factory = new IdleFactory();
        var client = factory.CreateClient();

        var response = await client.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "launch-demo" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = factory.CreateDbContext();
        Assert.Equal(0, await db.Runs.CountAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
