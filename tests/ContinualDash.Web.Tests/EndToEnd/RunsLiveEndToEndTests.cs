using System.Net.Http.Json;

namespace ContinualDash.Web.Tests.EndToEnd;

/// <summary>
/// The runs list follows status changes live over /api/runs/events. It has its own app and browser: the
/// shared fixture's database must stay empty for the empty-state tests.
/// </summary>
public sealed class RunsLiveEndToEndTests : IAsyncLifetime
{
    private readonly BrowserFixture browser = new();

    public Task InitializeAsync() => browser.InitializeAsync();

    public Task DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task RunsList_RunFinishesThroughApi_BadgeTurnsSucceededWithoutReload()
    {
        using var api = await browser.ApiAsync();
        var created = await (await api.PostAsJsonAsync("/api/runs", new { name = "live-run" })).Content.ReadFromJsonAsync<Web.Tracking.CreateRunResponse>();
        await using var page = await browser.OpenAsync();
        var badge = page.Page.Locator($"tr[data-run-id=\"{created!.Id}\"] .badge");
        Assert.Equal("Running", await badge.InnerTextAsync());
        // The script marks the list once the stream's first event arrived; a change before that could be missed.
        await page.Page.Locator("[data-runs-live][data-connected]").WaitForAsync();

        (await api.PostAsJsonAsync($"/api/runs/{created.Id}/finish", new { status = "succeeded" })).EnsureSuccessStatusCode();
        await page.Page.WaitForFunctionAsync($"() => document.querySelector('tr[data-run-id=\"{created.Id}\"] .badge').textContent === 'Succeeded'");

        Assert.Contains("status-succeeded", await badge.GetAttributeAsync("class"));
        await page.ScreenshotAsync("runs-live");
        Assert.Empty(page.Errors);
    }
}
