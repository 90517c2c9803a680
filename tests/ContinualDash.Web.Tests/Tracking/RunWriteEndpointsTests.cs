using System.Net;
using System.Net.Http.Json;
using System.Text;
using ContinualDash.Core.Access;
using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.Tracking;

public sealed class RunWriteEndpointsTests
{
    [Fact]
    public async Task CreateAsync_WithConfigTagsAndTasks_StoresRunningRun()
    {
        await using var host = await TrackingHost.StartAsync();
        var response = await host.Client.PostAsJsonAsync("/api/runs", new
        {
            name = "er-seed-0", experiment = "split-mnist",
            config = new { strategy = "ER", benchmark = "SplitMNIST", seed = 3, lr = 0.01 },
            tags = new[] { "baseline", "baseline", "mnist" }, tasks = new object[] { new { name = "0/1" }, new { } },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<Web.Tracking.CreateRunResponse>();
        Assert.EndsWith($"/runs/{body!.Id}", body.Url);
        Assert.Equal($"/api/runs/{body.Id}", response.Headers.Location?.OriginalString);
        await using var db = host.App.CreateDbContext();
        var run = await db.Runs.Include(r => r.Tags).SingleAsync();
        Assert.Equal((RunStatus.Running, "ER", "SplitMNIST", (int?)3), (run.Status, run.Strategy, run.Benchmark, run.Seed));
        Assert.Equal(["baseline", "mnist"], run.Tags.Select(t => t.Tag).Order());
        Assert.Equal("split-mnist", (await db.Experiments.SingleAsync()).Name);
        Assert.Equal(["0/1", "Task 1"], await db.TaskPhases.OrderBy(p => p.TaskIndex).Select(p => p.Name).ToListAsync());
    }

    [Fact]
    public async Task CreateAsync_WithNotes_ShownOnRunPageAndFoundByTextSearch()
    {
        await using var host = await TrackingHost.StartAsync();
        var response = await host.Client.PostAsJsonAsync("/api/runs", new { name = "er-seed-0", notes = "  lr sweep, <b>second</b> try  " });
        var id = (await response.Content.ReadFromJsonAsync<Web.Tracking.CreateRunResponse>())!.Id;
        var tooLong = await host.Client.PostAsJsonAsync("/api/runs", new { name = "x", notes = new string('n', 4001) });

        var page = await host.Client.GetStringAsync($"/runs/{id}");
        var found = await host.Client.GetStringAsync("/api/runs?q=SWEEP");
        var missed = await host.Client.GetStringAsync("/api/runs?q=nothing-like-it");

        Assert.Contains("lr sweep, &lt;b&gt;second&lt;/b&gt; try", page);
        Assert.Contains("\"name\":\"er-seed-0\"", found);
        Assert.DoesNotContain("er-seed-0", missed);
        await TrackingHost.AssertProblemAsync(tooLong, HttpStatusCode.BadRequest, "notes");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("cd_nosuchtoken_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("not-a-token")]
    public async Task CreateAsync_WithoutValidToken_Returns401AndStoresNothing(string? token)
    {
        await using var host = await TrackingHost.StartAsync();
        var response = await host.ClientWith(token).PostAsJsonAsync("/api/runs", new { name = "x" });

        await TrackingHost.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal((0, 0, 0, 0), await host.CountsAsync());
    }

    [Fact]
    public async Task CreateAsync_WithRevokedToken_Returns401()
    {
        await using var host = await TrackingHost.StartAsync();
        var token = await host.CreateTokenAsync(ApiTokenKind.User, null);
        await using (var db = host.App.CreateDbContext())
            await new ApiTokenService(db, TimeProvider.System).RevokeAsync(await db.ApiTokens.MaxAsync(t => t.Id), default);

        var response = await host.ClientWith(token).PostAsJsonAsync("/api/runs", new { name = "x" });

        await TrackingHost.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CreateAsync_WithRunToken_Returns403()
    {
        await using var host = await TrackingHost.StartAsync();
        var runId = await host.CreateRunAsync();
        var runToken = await host.CreateTokenAsync(ApiTokenKind.Run, runId);

        var response = await host.ClientWith(runToken).PostAsJsonAsync("/api/runs", new { name = "x" });

        await TrackingHost.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(1, (await host.CountsAsync()).Runs);
    }

    [Theory]
    [InlineData("""{"config":{}}""", "name")]
    [InlineData("""{"name":"  "}""", "name")]
    [InlineData("""{"name":"r","config":[1,2]}""", "config")]
    [InlineData("""{"name":"r","tags":["ok",""]}""", "tags[1]")]
    [InlineData("""{"name":"r","tags":"nope"}""", "tags")]
    [InlineData("""{"name":"r","experiment":""}""", "experiment")]
    [InlineData("""{"name":"r",""", "body")]
    public async Task CreateAsync_BadField_Returns400NamingFieldAndStoresNothing(string json, string field)
    {
        await using var host = await TrackingHost.StartAsync();
        var response = await host.Client.PostAsync("/api/runs", new StringContent(json, Encoding.UTF8, "application/json"));

        await TrackingHost.AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal((0, 0, 0, 0), await host.CountsAsync());
    }

    [Fact]
    public async Task FinishAsync_Succeeded_EndsRunAndLaterWritesAre400()
    {
        await using var host = await TrackingHost.StartAsync();
        var runId = await host.CreateRunAsync();

        var finish = await host.Client.PostAsJsonAsync($"/api/runs/{runId}/finish", new { status = "succeeded" });
        var again = await host.Client.PostAsJsonAsync($"/api/runs/{runId}/finish", new { status = "succeeded" });
        var other = await host.Client.PostAsJsonAsync($"/api/runs/{runId}/finish", new { status = "failed", error = "x" });
        var log = await host.Client.PostAsJsonAsync($"/api/runs/{runId}/metrics",
            new { points = new[] { new { name = "accuracy", task = 0, iteration = 1, value = 0.5 } } });
        var boundary = await host.Client.PostAsJsonAsync($"/api/runs/{runId}/boundaries", new { task = 0, iteration = 5 });

        Assert.Equal(HttpStatusCode.OK, finish.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await TrackingHost.AssertProblemAsync(other, HttpStatusCode.BadRequest, "runId");
        await TrackingHost.AssertProblemAsync(log, HttpStatusCode.BadRequest, "runId");
        await TrackingHost.AssertProblemAsync(boundary, HttpStatusCode.BadRequest, "runId");
        await using var db = host.App.CreateDbContext();
        var run = await db.Runs.SingleAsync();
        Assert.Equal((RunStatus.Succeeded, (string?)null), (run.Status, run.Error));
        Assert.Equal((1, 0, 0, 0), await host.CountsAsync());
    }

    [Theory]
    [InlineData("""{"status":"done"}""", "status")]
    [InlineData("""{}""", "status")]
    [InlineData("""{"status":"failed","error":7}""", "error")]
    public async Task FinishAsync_BadStatus_Returns400AndRunKeepsRunning(string json, string field)
    {
        await using var host = await TrackingHost.StartAsync();
        var runId = await host.CreateRunAsync();

        var response = await host.Client.PostAsync($"/api/runs/{runId}/finish", new StringContent(json, Encoding.UTF8, "application/json"));

        await TrackingHost.AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        await using var db = host.App.CreateDbContext();
        Assert.Equal(RunStatus.Running, (await db.Runs.SingleAsync()).Status);
    }

    [Fact]
    public async Task FinishAsync_FailedWithError_KeepsError()
    {
        await using var host = await TrackingHost.StartAsync();
        var runId = await host.CreateRunAsync();

        var response = await host.Client.PostAsJsonAsync($"/api/runs/{runId}/finish", new { status = "failed", error = "CUDA out of memory" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = host.App.CreateDbContext();
        var run = await db.Runs.SingleAsync();
        Assert.Equal((RunStatus.Failed, "CUDA out of memory"), (run.Status, run.Error));
    }

    [Fact]
    public async Task BoundaryAsync_InOrder_StoresAndBackwardsIs400()
    {
        await using var host = await TrackingHost.StartAsync();
        var runId = await host.CreateRunAsync(new { name = "r", tasks = new[] { new { name = "a" }, new { name = "b" } } });

        var first = await host.Client.PostAsJsonAsync($"/api/runs/{runId}/boundaries", new { task = 0, iteration = 100 });
        var backwards = await host.Client.PostAsJsonAsync($"/api/runs/{runId}/boundaries", new { task = 1, iteration = 90 });
        var beyond = await host.Client.PostAsJsonAsync($"/api/runs/{runId}/boundaries", new { task = 2, iteration = 300 });
        var negative = await host.Client.PostAsJsonAsync($"/api/runs/{runId}/boundaries", new { task = 1, iteration = -1 });
        var missing = await host.Client.PostAsJsonAsync($"/api/runs/{runId}/boundaries", new { task = 1 });
        var unknown = await host.Client.PostAsJsonAsync("/api/runs/999/boundaries", new { task = 0, iteration = 1 });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await TrackingHost.AssertProblemAsync(backwards, HttpStatusCode.BadRequest, "iteration");
        await TrackingHost.AssertProblemAsync(beyond, HttpStatusCode.BadRequest, "task");
        await TrackingHost.AssertProblemAsync(negative, HttpStatusCode.BadRequest, "iteration");
        await TrackingHost.AssertProblemAsync(missing, HttpStatusCode.BadRequest, "iteration");
        await TrackingHost.AssertProblemAsync(unknown, HttpStatusCode.BadRequest, "runId");
        await using var db = host.App.CreateDbContext();
        Assert.Equal([(0, (long?)100), (1, null)],
            (await db.TaskPhases.OrderBy(p => p.TaskIndex).ToListAsync()).Select(p => (p.TaskIndex, p.BoundaryIteration)));
    }
}
