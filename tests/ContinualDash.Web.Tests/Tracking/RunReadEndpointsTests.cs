using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ContinualDash.Web.Tests.Tracking;

public sealed class RunReadEndpointsTests
{
    [Fact]
    public async Task ListAsync_FilterSortAndPage_ReturnsMatchingRuns()
    {
        await using var host = await TrackingHost.StartAsync();
        var a = await host.CreateRunAsync(new { name = "alpha", experiment = "e1", tags = new[] { "x" } });
        var b = await host.CreateRunAsync(new { name = "beta", experiment = "e1", tags = new[] { "x", "y" } });
        var c = await host.CreateRunAsync(new { name = "gamma", tags = new[] { "y" } });
        await host.Client.PostAsJsonAsync($"/api/runs/{c}/finish", new { status = "failed" });

        var byTag = await ListAsync(host, "?tag=x&sort=name");
        var byStatus = await ListAsync(host, "?status=failed");
        var byExperiment = await ListAsync(host, "?experiment=e1&sort=-name");
        var byName = await ListAsync(host, "?q=amm");
        var paged = await ListAsync(host, "?sort=id&page=2&pageSize=2");

        Assert.Equal([a, b], Ids(byTag));
        Assert.Equal([c], Ids(byStatus));
        Assert.Equal([b, a], Ids(byExperiment));
        Assert.Equal("e1", byExperiment.GetProperty("items")[0].GetProperty("experiment").GetString());
        Assert.Equal([c], Ids(byName));
        Assert.Equal([c], Ids(paged));
        Assert.Equal(3, paged.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ListAsync_FilterExpressionAndPageSortKeys_SelectAndOrderRuns()
    {
        await using var host = await TrackingHost.StartAsync();
        var a = await host.CreateRunAsync(new { name = "er-0", config = new { strategy = "ER", seed = 0, lr = 0.01 } });
        var b = await host.CreateRunAsync(new { name = "er-1", config = new { strategy = "ER", seed = 1, lr = 0.1 }, tags = new[] { "baseline" } });
        var c = await host.CreateRunAsync(new { name = "ft-0", config = new { strategy = "Finetune", seed = 0, lr = 0.01 } });

        var er = await ListAsync(host, "?filter=" + Uri.EscapeDataString("strategy = er and not seed = 0"));
        var configOrTag = await ListAsync(host, "?filter=" + Uri.EscapeDataString("config.lr <= 0.01 or tag = baseline") + "&sort=-seed");
        var bySeedAsc = await ListAsync(host, "?sort=seed&dir=asc");
        var byStrategyDesc = await ListAsync(host, "?sort=strategy&dir=desc");
        var byFinal = await ListAsync(host, "?sort=-wc_acc");
        var byDefault = await ListAsync(host, "");

        Assert.Equal([b], Ids(er));
        Assert.Equal([b, c, a], Ids(configOrTag));
        Assert.Equal([a, c, b], Ids(bySeedAsc));
        Assert.Equal([c, b, a], Ids(byStrategyDesc));
        Assert.Equal(3, Ids(byFinal).Length);
        Assert.Equal([c, b, a], Ids(byDefault));
    }

    [Fact]
    public async Task ListAsync_Rows_CarryFinalMetricFields()
    {
        await using var host = await TrackingHost.StartAsync();
        var id = await host.CreateRunAsync(new { name = "r", config = new { strategy = "ER" } });
        await host.Client.PostAsJsonAsync($"/api/runs/{id}/finish", new { status = "succeeded" });

        var row = (await ListAsync(host, "")).GetProperty("items")[0];
        var detail = JsonDocument.Parse(await host.Client.GetStringAsync($"/api/runs/{id}")).RootElement.GetProperty("run");

        // Null until the run's final metrics are computed; the fields are there either way.
        foreach (var run in new[] { row, detail })
        {
            var final = run.GetProperty("final");
            Assert.Equal(["avgAcc", "minAcc", "wcAcc", "bwt", "forgetting"], final.EnumerateObject().Select(p => p.Name));
            Assert.All(final.EnumerateObject(), p => Assert.True(p.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Number));
        }
        Assert.Equal("Succeeded", row.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("?sort=size", "sort")]
    [InlineData("?sort=-size", "sort")]
    [InlineData("?dir=up", "dir")]
    [InlineData("?sort=-name&dir=asc", "dir")]
    [InlineData("?status=done", "status")]
    [InlineData("?page=0", "page")]
    [InlineData("?page=2147483647&pageSize=500", "page")]
    [InlineData("?page=abc", "page")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=501", "pageSize")]
    [InlineData("?filter=colour%20%3D%20red", "filter")]
    public async Task ListAsync_BadQuery_Returns400NamingParameter(string query, string field)
    {
        await using var host = await TrackingHost.StartAsync();

        var response = await host.Client.GetAsync("/api/runs" + query);

        await TrackingHost.AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task ListAsync_InvalidFilterOrSort_Returns400WithParserMessageAndValidKeys()
    {
        await using var host = await TrackingHost.StartAsync();
        await host.CreateRunAsync();

        var filter = await TrackingHost.AssertProblemAsync(
            await host.Client.GetAsync("/api/runs?filter=" + Uri.EscapeDataString("final.wc_acc > ")), HttpStatusCode.BadRequest, "filter");
        var sort = await TrackingHost.AssertProblemAsync(await host.Client.GetAsync("/api/runs?sort=size"), HttpStatusCode.BadRequest, "sort");

        Assert.Equal("at column 15: expected a value after '>'", filter.GetProperty("errors").GetProperty("filter")[0].GetString());
        var keys = sort.GetProperty("errors").GetProperty("sort")[0].GetString()!;
        Assert.All(new[] { "created", "acc", "min_acc", "wc_acc", "bwt", "forgetting", "started", "duration" }, k => Assert.Contains(k, keys));
    }

    [Fact]
    public async Task GetAsync_RunWithData_ReturnsConfigTasksAndSeries()
    {
        await using var host = await TrackingHost.StartAsync();
        var id = await host.CreateRunAsync(new { name = "r", config = new { lr = 0.1 }, tasks = new[] { new { name = "a" }, new { name = "b" } } });
        await host.Client.PostAsJsonAsync($"/api/runs/{id}/metrics", new
        {
            points = new object[] { new { name = "accuracy", task = 0, iteration = 1, value = 0.5 }, new { name = "accuracy", task = 0, iteration = 2, value = 0.6 }, new { name = "loss", iteration = 1, value = 1.0 } },
        });
        await host.Client.PostAsJsonAsync($"/api/runs/{id}/boundaries", new { task = 0, iteration = 2 });

        var run = JsonDocument.Parse(await host.Client.GetStringAsync($"/api/runs/{id}")).RootElement;
        var missing = await host.Client.GetAsync("/api/runs/999");

        Assert.Equal(0.1, run.GetProperty("config").GetProperty("lr").GetDouble());
        Assert.Equal("Running", run.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal([("a", 2L), ("b", -1L)], run.GetProperty("tasks").EnumerateArray()
            .Select(t => (t.GetProperty("name").GetString(), t.GetProperty("boundary").ValueKind == JsonValueKind.Null ? -1 : t.GetProperty("boundary").GetInt64())));
        Assert.Equal([("accuracy", 2), ("loss", 1)], run.GetProperty("series").EnumerateArray()
            .Select(s => (s.GetProperty("name").GetString(), s.GetProperty("points").GetInt32())));
        await TrackingHost.AssertProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ExportAsync_CsvAndJson_ReturnEveryRawPoint()
    {
        await using var host = await TrackingHost.StartAsync();
        var id = await host.CreateRunAsync();
        await host.Client.PostAsJsonAsync($"/api/runs/{id}/metrics", new
        {
            points = new object[] { new { name = "acc,top1", task = 1, iteration = 7, value = 0.125, time = 1000 }, new { name = "loss", iteration = 8, value = 2.5, time = 2000 } },
        });

        var csv = await host.Client.GetStringAsync($"/api/runs/{id}/export?format=csv");
        var json = JsonDocument.Parse(await host.Client.GetStringAsync($"/api/runs/{id}/export?format=json")).RootElement;
        var bad = await host.Client.GetAsync($"/api/runs/{id}/export?format=xml");

        Assert.Equal("name,task,iteration,value,time,attempt\n\"acc,top1\",1,7,0.125,1000,1\nloss,,8,2.5,2000,1\n", csv.ReplaceLineEndings("\n"));
        Assert.Equal([0.125, 2.5], json.EnumerateArray().Select(p => p.GetProperty("value").GetDouble()));
        await TrackingHost.AssertProblemAsync(bad, HttpStatusCode.BadRequest, "format");
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTrackingEndpoints()
    {
        await using var host = await TrackingHost.StartAsync();

        var doc = JsonDocument.Parse(await host.Client.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/runs/{id}/metrics", out var metrics));
        Assert.True(metrics.GetProperty("post").TryGetProperty("requestBody", out _));
        Assert.True(paths.TryGetProperty("/api/runs/{id}/events", out _));
    }

    private static async Task<JsonElement> ListAsync(TrackingHost host, string query) =>
        JsonDocument.Parse(await host.Client.GetStringAsync("/api/runs" + query)).RootElement.Clone();

    private static long[] Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToArray();
}
