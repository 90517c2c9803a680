using System.Net;
using System.Net.Http.Json;
using System.Text;
using ContinualDash.Core.Access;
using Microsoft.EntityFrameworkCore;
using ContinualDash.Testing;

namespace ContinualDash.Web.Tests.Tracking;

/// <summary><c>POST /api/runs/{id}/metrics</c> on SQLite, and the core cases again on PostgreSQL.</summary>
public sealed class MetricIngestTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task LogAsync_ValidBatch_StoresEveryPointDurably(string provider)
    {
        await using var host = await TrackingHost.StartAsync(provider);
        var runId = await host.CreateRunAsync();
        var points = Enumerable.Range(0, 1000).Select(i => new { name = "accuracy", task = i % 3, iteration = i, value = i / 1000.0 })
            .Append(new { name = "loss", task = (int?)null ?? -1, iteration = 5, value = 2.5 }).ToArray();

        var response = await host.Client.PostAsJsonAsync($"/api/runs/{runId}/metrics",
            new { points = points.Select(p => p.task < 0 ? (object)new { p.name, p.iteration, p.value, time = 1700000000000 } : p) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Web.Tracking.MetricBatchResponse(1001, false), await response.Content.ReadFromJsonAsync<Web.Tracking.MetricBatchResponse>());
        await using var db = host.App.CreateDbContext();
        Assert.Equal(4, await db.MetricSeries.CountAsync());
        var stored = await StoredPoints.AllAsync(db);
        Assert.Equal(1001, stored.Count);
        var loss = stored.Single(p => p.Value == 2.5);
        Assert.Equal((5L, 1700000000000L), (loss.Iteration, loss.Time));
        Assert.Equal(999 / 1000.0, stored.Single(p => p.Iteration == 999).Value);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task LogAsync_RepeatedBatchKey_StoresOnce(string provider)
    {
        await using var host = await TrackingHost.StartAsync(provider);
        var runId = await host.CreateRunAsync();
        var batch = new { batch = "b-1", points = new[] { new { name = "accuracy", task = 0, iteration = 1, value = 0.5 } } };

        var first = await host.Client.PostAsJsonAsync($"/api/runs/{runId}/metrics", batch);
        var retry = await host.Client.PostAsJsonAsync($"/api/runs/{runId}/metrics", batch);

        Assert.Equal(new Web.Tracking.MetricBatchResponse(1, false), await first.Content.ReadFromJsonAsync<Web.Tracking.MetricBatchResponse>());
        Assert.Equal(new Web.Tracking.MetricBatchResponse(0, true), await retry.Content.ReadFromJsonAsync<Web.Tracking.MetricBatchResponse>());
        Assert.Equal((1, 1, 1, 0), await host.CountsAsync());
    }

    [Theory]
    [InlineData("""{"points":[{"name":"a","iteration":1,"value":0.5},{"name":"a","iteration":2,"value":NaN}]}""", "points[1].value")]
    [InlineData("""{"points":[{"name":"a","iteration":1,"value":"NaN"}]}""", "points[0].value")]
    [InlineData("""{"points":[{"name":"a","iteration":1,"value":1e400}]}""", "points[0].value")]
    [InlineData("""{"points":[{"name":"a","iteration":-1,"value":0.5}]}""", "points[0].iteration")]
    [InlineData("""{"points":[{"name":"a","task":2,"iteration":1,"value":0.5}]}""", "points[0].task")]
    [InlineData("""{"points":[{"name":"a","task":-1,"iteration":1,"value":0.5}]}""", "points[0].task")]
    [InlineData("""{"points":[{"name":"","iteration":1,"value":0.5}]}""", "points[0].name")]
    [InlineData("""{"points":[{"name":"a","iteration":1}]}""", "points[0].value")]
    [InlineData("""{"points":[{"name":"a","value":1}]}""", "points[0].iteration")]
    [InlineData("""{"points":[{"name":"a","iteration":1,"value":1,"time":-5}]}""", "points[0].time")]
    [InlineData("""{"points":[{"name":"a","iteration":1.5,"value":1}]}""", "points[0].iteration")]
    [InlineData("""{"batch":"","points":[{"name":"a","iteration":1,"value":1}]}""", "batch")]
    [InlineData("""{"batch":"k"}""", "points")]
    [InlineData("""[1,2]""", "body")]
    public async Task LogAsync_BadPoint_Returns400NamingFieldAndStoresNothing(string json, string field)
    {
        await using var host = await TrackingHost.StartAsync();
        var runId = await host.CreateRunAsync(new { name = "r", tasks = new[] { new { name = "a" }, new { name = "b" } } });

        var response = await host.Client.PostAsync($"/api/runs/{runId}/metrics", new StringContent(json, Encoding.UTF8, "application/json"));

        await TrackingHost.AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal((1, 0, 0, 0), await host.CountsAsync());
    }

    [Fact]
    public async Task LogAsync_UnknownRun_Returns400NamingRun()
    {
        await using var host = await TrackingHost.StartAsync();

        var response = await host.Client.PostAsJsonAsync("/api/runs/42/metrics",
            new { points = new[] { new { name = "a", iteration = 1, value = 0.5 } } });

        await TrackingHost.AssertProblemAsync(response, HttpStatusCode.BadRequest, "runId");
        Assert.Equal((0, 0, 0, 0), await host.CountsAsync());
    }

    [Fact]
    public async Task LogAsync_MoreThanLimitPoints_Returns413WithLimitAndStoresNothing()
    {
        await using var host = await TrackingHost.StartAsync();
        var runId = await host.CreateRunAsync();
        var points = Enumerable.Range(0, 10_001).Select(i => new { name = "a", iteration = i, value = 0.5 });

        var response = await host.Client.PostAsJsonAsync($"/api/runs/{runId}/metrics", new { points });

        var problem = await TrackingHost.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("10,000", problem.GetProperty("detail").GetString());
        Assert.Equal((1, 0, 0, 0), await host.CountsAsync());
    }

    [Fact]
    public async Task LogAsync_ExactlyLimitPoints_StoresAll()
    {
        await using var host = await TrackingHost.StartAsync();
        var runId = await host.CreateRunAsync();
        var points = Enumerable.Range(0, 10_000).Select(i => new { name = "a", iteration = i, value = 0.5 });

        var response = await host.Client.PostAsJsonAsync($"/api/runs/{runId}/metrics", new { points });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10_000, (await host.CountsAsync()).Points);
    }

    [Fact]
    public async Task LogAsync_BodyOverByteLimit_Returns413()
    {
        await using var host = await TrackingHost.StartAsync();
        var runId = await host.CreateRunAsync();
        var json = "{\"batch\":\"" + new string('x', 9 * 1024 * 1024) + "\",\"points\":[]}";

        var response = await host.Client.PostAsync($"/api/runs/{runId}/metrics", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await TrackingHost.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("8 MiB", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task LogAsync_NotJson_Returns415()
    {
        await using var host = await TrackingHost.StartAsync();
        var runId = await host.CreateRunAsync();

        var response = await host.Client.PostAsync($"/api/runs/{runId}/metrics", new StringContent("a,b", Encoding.UTF8, "text/csv"));

        await TrackingHost.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0, (await host.CountsAsync()).Points);
    }

    [Fact]
    public async Task LogAsync_RunTokenOfAnotherRun_Returns403AndOwnRunIsAccepted()
    {
        await using var host = await TrackingHost.StartAsync();
        var mine = await host.CreateRunAsync();
        var other = await host.CreateRunAsync();
        var client = host.ClientWith(await host.CreateTokenAsync(ApiTokenKind.Run, mine));
        var batch = new { points = new[] { new { name = "a", iteration = 1, value = 0.5 } } };

        var denied = await client.PostAsJsonAsync($"/api/runs/{other}/metrics", batch);
        var allowed = await client.PostAsJsonAsync($"/api/runs/{mine}/metrics", batch);

        await TrackingHost.AssertProblemAsync(denied, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(1, (await host.CountsAsync()).Points);
    }

    [Fact]
    public async Task LogAsync_WithoutToken_Returns401AndStoresNothing()
    {
        await using var host = await TrackingHost.StartAsync();
        var runId = await host.CreateRunAsync();

        var response = await host.ClientWith(null).PostAsJsonAsync($"/api/runs/{runId}/metrics",
            new { points = new[] { new { name = "a", iteration = 1, value = 0.5 } } });

        await TrackingHost.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(0, (await host.CountsAsync()).Points);
    }
}
