using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContinualDash.Core.Evaluation;
using ContinualDash.Core.Series;
using ContinualDash.Web.Tests.EndToEnd;

namespace ContinualDash.Web.Tests.Tracking;

public sealed class RunAnalysisEndpointsTests
{
    [Fact]
    public async Task ClMetrics_RunLoggedFromExampleLog_EqualsEngineOnTheSameFileByteForByte()
    {
        var file = await File.ReadAllBytesAsync(Path.Combine(BrowserFixture.RepositoryRoot(), "docs", "examples", "accuracy-log.json"));
        var expected = MetricsReportJson.ToJson(ContinualMetrics.Compute(AccuracyLogJson.Parse(file)));
        var example = JsonDocument.Parse(file).RootElement;
        await using var host = await TrackingHost.StartAsync();
        var boundaries = example.GetProperty("task_boundaries").EnumerateArray().Select(b => b.GetInt64()).ToList();
        var id = await host.CreateRunAsync(new
        {
            name = "example",
            config = new { random_init_accuracy = example.GetProperty("random_init_accuracy") },
            tasks = boundaries.Select(_ => new { }),
        });
        // Shuffled on purpose: the API must order the evaluations as the engine expects.
        var points = example.GetProperty("evals").EnumerateArray().Reverse().Select(e => new
        {
            name = "accuracy", task = e.GetProperty("task").GetInt32(), iteration = e.GetProperty("iteration").GetInt64(),
            value = e.GetProperty("accuracy").GetDouble(),
        });
        (await host.Client.PostAsJsonAsync($"/api/runs/{id}/metrics", new { points })).EnsureSuccessStatusCode();
        (await host.Client.PostAsJsonAsync($"/api/runs/{id}/metrics", new { points = new[] { new { name = "loss", iteration = 1, value = 9.0 } } })).EnsureSuccessStatusCode();
        for (var k = 0; k < boundaries.Count; k++)
            (await host.Client.PostAsJsonAsync($"/api/runs/{id}/boundaries", new { task = k, iteration = boundaries[k] })).EnsureSuccessStatusCode();

        var actual = await host.Client.GetStringAsync($"/api/runs/{id}/cl-metrics?window={example.GetProperty("window").GetInt32()}");
        var log = await host.Client.GetByteArrayAsync($"/api/runs/{id}/accuracy-log?window=3");

        Assert.Equal(expected, actual);
        Assert.Equal(expected, MetricsReportJson.ToJson(ContinualMetrics.Compute(AccuracyLogJson.Parse(log))));
    }

    [Fact]
    public async Task ClMetrics_RunningWithoutBoundaryThenFinished_OpenTaskWhileRunningThen409NamingTheProblem()
    {
        await using var host = await TrackingHost.StartAsync();
        var id = await host.CreateRunAsync();
        (await host.Client.PostAsJsonAsync($"/api/runs/{id}/metrics", new { points = new[] { new { name = "accuracy", task = 0, iteration = 1, value = 0.5 } } })).EnsureSuccessStatusCode();

        var running = await host.Client.GetAsync($"/api/runs/{id}/cl-metrics");
        (await host.Client.PostAsJsonAsync($"/api/runs/{id}/finish", new { status = "succeeded" })).EnsureSuccessStatusCode();
        var conflict = await host.Client.GetAsync($"/api/runs/{id}/cl-metrics");
        var badWindow = await host.Client.GetAsync($"/api/runs/{id}/cl-metrics?window=0");
        var unknown = await host.Client.GetAsync("/api/runs/999/cl-metrics");

        Assert.Equal(HttpStatusCode.OK, running.StatusCode);
        var report = JsonDocument.Parse(await running.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, report.GetProperty("per_iteration")[0].GetProperty("current_task").GetInt32());
        Assert.Equal(0.5, report.GetProperty("per_iteration")[0].GetProperty("wc_acc").GetDouble());
        Assert.Equal(0, report.GetProperty("boundary_metrics").GetArrayLength());
        await TrackingHost.AssertProblemAsync(conflict, HttpStatusCode.Conflict);
        Assert.Contains("at least one task boundary is needed", await conflict.Content.ReadAsStringAsync());
        await TrackingHost.AssertProblemAsync(badWindow, HttpStatusCode.BadRequest, "window");
        await TrackingHost.AssertProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Series_MoreThanAsked_ReducesKeepingTheDipAndFewerReturnsRaw(string provider)
    {
        await using var host = await TrackingHost.StartAsync(provider);
        var id = await host.CreateRunAsync();
        var rng = new Random(7);
        var points = Enumerable.Range(0, 10_000).Select(i => new { name = "accuracy", task = 0, iteration = i, value = i == 6_123 ? 0.01 : 0.8 + 0.1 * rng.NextDouble() });
        (await host.Client.PostAsJsonAsync($"/api/runs/{id}/metrics", new { points })).EnsureSuccessStatusCode();

        var reduced = await host.Client.GetFromJsonAsync<Web.Tracking.SeriesResponse>($"/api/runs/{id}/series?name=accuracy&task=0&points=100");
        var window = await host.Client.GetFromJsonAsync<Web.Tracking.SeriesResponse>($"/api/runs/{id}/series?name=accuracy&task=0&from=6100&to=6199&points=200");
        var missing = await host.Client.GetFromJsonAsync<Web.Tracking.SeriesResponse>($"/api/runs/{id}/series?name=loss");

        Assert.True(reduced!.Reduced);
        Assert.Equal(10_000, reduced.Total);
        Assert.InRange(reduced.Values.Length, 1, 100);
        Assert.Contains(0.01, reduced.Values);
        Assert.Equal(6_123, reduced.Iterations[Array.IndexOf(reduced.Values, 0.01)]);
        Assert.Equal((false, 100), (window!.Reduced, window.Values.Length));
        Assert.Equal(Enumerable.Range(6100, 100).Select(i => (double)i), window.Iterations);
        Assert.Equal(0, missing!.Total);
    }

    [Theory]
    [InlineData("Sqlite", 11)]
    [InlineData("Postgres", 12)]
    public async Task Series_WhilePointsArriveAndIterationsRepeat_EqualsM4OfAllStoredPointsWithEveryBucketExtreme(string provider, int seed)
    {
        await using var host = await TrackingHost.StartAsync(provider);
        var id = await host.CreateRunAsync();
        var rng = new Random(seed);
        var posted = new List<(long Iteration, double Value)>();
        long next = 0;
        for (var batch = 0; batch < 8; batch++)
        {
            // Every third batch re-logs earlier iterations, as a resumed attempt does.
            var first = batch % 3 == 2 ? rng.NextInt64(0, next) : next;
            var points = Enumerable.Range(0, rng.Next(50, 300))
                .Select(i => (Iteration: first + i, Value: Math.Round(rng.NextDouble(), 3))).ToList();
            next = Math.Max(next, first + points.Count);
            (await host.Client.PostAsJsonAsync($"/api/runs/{id}/metrics",
                new { points = points.Select(p => new { name = "accuracy", task = 0, iteration = p.Iteration, value = p.Value }) })).EnsureSuccessStatusCode();
            posted.AddRange(points);

            var series = await host.Client.GetFromJsonAsync<Web.Tracking.SeriesResponse>($"/api/runs/{id}/series?name=accuracy&task=0&points=40");

            // The database orders equal iterations by storage order: OrderBy is stable, so posting order is kept.
            var raw = posted.OrderBy(p => p.Iteration).ToList();
            var xs = raw.Select(p => (double)p.Iteration).ToArray();
            var ys = raw.Select(p => p.Value).ToArray();
            var expected = SeriesReduction.M4(xs, ys, xs[0], xs[^1], 10);
            Assert.Equal(raw.Count, series!.Total);
            Assert.Equal(expected.Select(p => p.X), series.Iterations);
            Assert.Equal(expected.Select(p => p.Y), series.Values);
            var output = series.Iterations.Zip(series.Values).ToHashSet();
            foreach (var bucket in raw.GroupBy(p => Math.Min((int)((p.Iteration - xs[0]) * (10 / (xs[^1] - xs[0]))), 9)))
            {
                Assert.Contains(output, o => o.Second == bucket.Min(p => p.Value) && bucket.Any(p => p.Iteration == o.First && p.Value == o.Second));
                Assert.Contains(output, o => o.Second == bucket.Max(p => p.Value) && bucket.Any(p => p.Iteration == o.First && p.Value == o.Second));
            }
        }
    }

    [Theory]
    [InlineData("?task=0", "name")]
    [InlineData("?name=accuracy&points=3", "points")]
    [InlineData("?name=accuracy&from=5&to=4", "from")]
    public async Task Series_BadQuery_Returns400NamingParameter(string query, string field)
    {
        await using var host = await TrackingHost.StartAsync();
        var id = await host.CreateRunAsync();

        var response = await host.Client.GetAsync($"/api/runs/{id}/series{query}");

        await TrackingHost.AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }
}
