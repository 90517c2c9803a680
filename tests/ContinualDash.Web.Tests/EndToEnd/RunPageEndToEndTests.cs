using System.Net.Http.Json;
using ContinualDash.Core.Runs;
using ContinualDash.Web.Launch;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.EndToEnd;

/// <summary>
/// A builtin experiment trained by the app's in-process worker slot on tiny generated IDX data, watched on
/// the run page. Its own app and browser: the shared fixture's database must stay empty.
/// </summary>
public sealed class RunPageEndToEndTests : IAsyncLifetime
{
    private readonly BrowserFixture browser = new();

    public Task InitializeAsync() => browser.InitializeAsync();

    public Task DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task RunPage_BuiltinRunTraining_ChartGainsPointsLiveAndCancelStopsIt()
    {
        var runId = await LaunchAsync();
        await WaitForAsync(db => db.Runs.AnyAsync(r => r.Id == runId && r.Status == RunStatus.Running));
        await using var page = await browser.OpenAsync($"runs/{runId}");
        var charts = page.Page.Locator("[data-run-charts]");
        await page.Page.WaitForFunctionAsync("() => document.querySelector('[data-run-charts]').dataset.accuracyPoints !== undefined");
        var initial = int.Parse(await charts.GetAttributeAsync("data-accuracy-points") ?? "0");

        // Live: more points arrive over the event stream, without a reload. (The run is far too long to end
        // by itself during the test, so the cancel below always meets a running job, whatever the machine's speed.)
        await page.Page.WaitForFunctionAsync($"() => Number(document.querySelector('[data-run-charts]').dataset.accuracyPoints) > {initial}",
            null, new() { Timeout = 60_000 });
        await page.ScreenshotAsync("run-page-live");

        // Cancel from the page: POST, redirect back to the run, which ends Cancelled.
        await page.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Cancel run" }).ClickAsync();
        await WaitForAsync(db => db.Runs.AnyAsync(r => r.Id == runId && r.Status == RunStatus.Cancelled));
        Assert.EndsWith($"/runs/{runId}", page.Page.Url);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task RunPage_LoggedRunWithDip_ShowsGapRowBoundariesAndZoomRefetches()
    {
        using var api = await browser.ApiAsync();
        var created = await (await api.PostAsJsonAsync("/api/runs", new { name = "synthetic dip" })).Content.ReadFromJsonAsync<Web.Tracking.CreateRunResponse>();
        var id = created!.Id;
        // Task 0 learns to 0.9 by b_0 = 100, drops to 0.3 right after the switch (iteration 105), recovers to 0.8.
        var points = new List<object>();
        for (var t = 0; t <= 200; t++)
        {
            var a0 = t <= 100 ? 0.5 + 0.4 * t / 100 : t < 110 ? 0.9 - 0.6 * (1 - Math.Abs(t - 105) / 5.0) : 0.8;
            points.Add(new { name = "accuracy", task = 0, iteration = t, value = a0 });
            if (t > 100) points.Add(new { name = "accuracy", task = 1, iteration = t, value = 0.5 + 0.4 * (t - 100) / 100 });
        }
        (await api.PostAsJsonAsync($"/api/runs/{id}/metrics", new { points })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/runs/{id}/boundaries", new { task = 0, iteration = 100 })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/runs/{id}/boundaries", new { task = 1, iteration = 200 })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/runs/{id}/finish", new { status = "succeeded" })).EnsureSuccessStatusCode();

        await using var page = await browser.OpenAsync($"runs/{id}");
        await page.Page.WaitForFunctionAsync("() => document.querySelector('[data-matrix-at]').textContent === '200'");

        // Both task boundaries are marked on the accuracy chart.
        await page.Page.WaitForFunctionAsync("() => Number(document.querySelector('[data-run-charts]').dataset.boundaryMarkers) >= 2");
        Assert.True(await page.Page.Locator("[data-chart=accuracy] .annotation-text", new() { HasText = "end of task 0" }).CountAsync() >= 1);

        // Zoom: the chart re-fetches the range and the URL keeps it for a shared link.
        await page.Page.EvaluateAsync("() => Plotly.relayout(document.querySelector('[data-chart=accuracy]'), {'xaxis.range[0]': 95, 'xaxis.range[1]': 115})");
        await page.Page.WaitForFunctionAsync("() => document.querySelector('[data-run-charts]').dataset.refetches === '1'");
        Assert.Contains("from=95&to=115", page.Page.Url);

        var row = page.Page.Locator("[data-gap-table] tbody tr").First;
        // Depth 0.9 - 0.3 = 0.6 at iteration 105.
        Assert.Equal(["0", "1", "90.0 %", "30.0 %", "60.0 %", "105"], (await row.Locator("td").AllInnerTextsAsync()).Take(6));
        await page.ScreenshotAsync("run-page-stability-gap");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task RunPage_UnknownRun_SaysNotFound()
    {
        await using var page = await browser.OpenAsync("runs/987654");

        Assert.Equal("Page not found", await page.Page.Locator("h1").InnerTextAsync());
    }

    /// <summary>Launches a builtin run long enough to watch (thousands of one-image updates); the test cancels it.</summary>
    private async Task<long> LaunchAsync()
    {
        using var api = await browser.ApiAsync();
        var response = await api.PostAsJsonAsync("/api/jobs", new
        {
            kind = "builtin", name = "e2e er", seeds = new[] { 1 },
            spec = new { benchmark = "split-fmnist", tasks = 2, hiddenSizes = new[] { 256, 256 }, batchSize = 1, epochsPerTask = 10_000,
                         evalSubsetSize = 5, strategy = "er", memorySize = 20, replayBatchSize = 4, learningRate = 0.02 },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LaunchedExperiment>())!.Runs[0].RunId;
    }

    private async Task WaitForAsync(Func<Core.Data.DashDbContext, Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            await using var db = browser.App.CreateDbContext();
            if (await condition(db)) return;
            await Task.Delay(100, deadline.Token);
        }
    }
}
