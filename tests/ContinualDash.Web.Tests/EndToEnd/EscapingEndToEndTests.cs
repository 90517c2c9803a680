using ContinualDash.Web.Tests.Security;

namespace ContinualDash.Web.Tests.EndToEnd;

/// <summary>In a real browser, hostile run names and config never run as script. Own app and browser: the
/// shared fixture's database must stay empty for the empty-state tests.</summary>
public sealed class EscapingEndToEndTests : IAsyncLifetime
{
    private readonly BrowserFixture browser = new();

    public Task InitializeAsync() => browser.InitializeAsync();

    public Task DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task Pages_HostileRun_NoDialogFires()
    {
        using var api = await browser.ApiAsync();
        var runId = await EscapingTests.CreateHostileRunAsync(api);
        await using var page = await browser.OpenAsync();
        var dialogs = new List<string>();
        page.Page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };

        foreach (var path in new[] { "", $"runs/{runId}", $"compare?runs={runId}", "workers" })
        {
            await page.Page.GotoAsync(path);
            await page.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        }

        Assert.Empty(dialogs);
        // The name is on the page as text: the run page shows exactly what was typed.
        await page.Page.GotoAsync($"runs/{runId}");
        Assert.True(await page.Page.GetByText(EscapingTests.Script).First.IsVisibleAsync());
        await page.ScreenshotAsync("escaping");
    }
}
