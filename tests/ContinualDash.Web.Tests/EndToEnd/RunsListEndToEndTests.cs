using ContinualDash.Web.Tests.Compare;
using Microsoft.Playwright;

namespace ContinualDash.Web.Tests.EndToEnd;

/// <summary>
/// The runs table (expression filter, sort, phone width), selection into Compare, and share links opened in a
/// fresh browser context. Its own app: the shared fixture's database must stay empty for the empty-state tests.
/// </summary>
public sealed class RunsListEndToEndTests : IAsyncLifetime
{
    private readonly BrowserFixture browser = new();
    private long er0, er1;

    public async Task InitializeAsync()
    {
        await browser.InitializeAsync();
        await using var db = browser.App.CreateDbContext();
        er0 = await CompareSeed.AddRunAsync(db, "er-seed-0", "ER", 0, 0.9);
        er1 = await CompareSeed.AddRunAsync(db, "er-seed-1", "ER", 1, 0.7);
        await CompareSeed.AddRunAsync(db, "finetune-seed-0", "Finetune", 0, 0.3);
    }

    public Task DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task RunsTable_FilterExpressionThenShareLink_SameRowsInFreshContext()
    {
        await using var page = await browser.OpenAsync();
        await page.Page.FillAsync("#f-filter", "strategy = ER and final.wc_acc > 0.8");
        await page.Page.ClickAsync("button:has-text('Filter')");

        var rows = page.Page.Locator("table tbody tr");
        Assert.Equal(["er-seed-0"], await rows.Locator("td:nth-child(3)").AllInnerTextsAsync());
        await page.ScreenshotAsync("runs-filtered");
        var link = await page.Page.InputValueAsync("#share-url");
        Assert.Contains("filter=", link);
        Assert.Empty(page.Errors);

        await using var fresh = await browser.OpenAsync(link);
        Assert.Equal(["er-seed-0"], await fresh.Page.Locator("table tbody tr td:nth-child(3)").AllInnerTextsAsync());
        Assert.Equal("strategy = ER and final.wc_acc > 0.8", await fresh.Page.InputValueAsync("#f-filter"));
    }

    [Fact]
    public async Task RunsTable_InvalidExpression_ShowsMessageNextToField()
    {
        await using var page = await browser.OpenAsync("?filter=" + Uri.EscapeDataString("strategy = (ER"));

        var message = await page.Page.Locator("[data-testid=filter-error]").InnerTextAsync();

        Assert.Contains("at column 12", message);
        Assert.Equal("true", await page.Page.GetAttributeAsync("#f-filter", "aria-invalid"));
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task RunsTable_ClickSeedHeaderTwice_SortsAscendingThenDescending()
    {
        await using var page = await browser.OpenAsync();
        await page.Page.ClickAsync("th a:has-text('Seed')");
        await page.Page.ClickAsync("th a:has-text('Seed')");

        Assert.Contains("dir=asc", page.Page.Url);
        var seeds = await page.Page.Locator("table tbody tr td:nth-child(7)").AllInnerTextsAsync();
        Assert.Equal(seeds.Order(), seeds);
        Assert.Equal("ascending", await page.Page.GetAttributeAsync("th[aria-sort]", "aria-sort"));
    }

    [Fact]
    public async Task Compare_TwoSelectedRuns_DrawsOneTracePerRunAndSharesTheView()
    {
        await using var page = await browser.OpenAsync();
        await page.Page.CheckAsync($"#sel-{er0}");
        await page.Page.CheckAsync($"#sel-{er1}");
        await page.Page.ClickAsync("button:has-text('Compare selected')");
        // Leaving a page while plotly.js still loads aborts that request, which the page reports as an error.
        await page.Page.Locator("[data-compare-chart][data-drawn]").WaitForAsync();
        await page.Page.FillAsync("#c-metric", "acc");
        await page.Page.ClickAsync("button:has-text('Show')");
        await page.Page.Locator("[data-compare-chart][data-drawn]").WaitForAsync();

        var traces = await page.Page.EvaluateAsync<int>("() => document.querySelector('[data-compare-chart]').data.length");
        var minimum = await page.Page.EvaluateAsync<double>("() => Math.min(...document.querySelector('[data-compare-chart]').data[0].y)");
        Assert.Equal(2, traces);
        Assert.Equal(0.05, minimum);

        // Zoom: the chart re-fetches the range without reloading the page, and the URL keeps it for the share link.
        await page.Page.EvaluateAsync("() => { window.notReloaded = true; return Plotly.relayout(document.querySelector('[data-compare-chart]'), {'xaxis.range[0]': 40, 'xaxis.range[1]': 60}); }");
        await page.Page.WaitForFunctionAsync("() => document.querySelector('[data-compare-chart]').dataset.refetches === '1'");
        Assert.True(await page.Page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        Assert.Contains("from=40&to=60", page.Page.Url);
        Assert.Equal(21, await page.Page.EvaluateAsync<int>("() => document.querySelector('[data-compare-chart]').data[0].x.length"));
        await page.ScreenshotAsync("compare");
        Assert.True(page.Errors.Count == 0, string.Join("\n", page.Errors));

        await using var fresh = await browser.OpenAsync(await page.Page.InputValueAsync("#share-url"));
        await fresh.Page.Locator("[data-compare-chart][data-drawn]").WaitForAsync();
        Assert.Equal(2, await fresh.Page.EvaluateAsync<int>("() => document.querySelector('[data-compare-chart]').data.length"));
        Assert.Equal("acc", await fresh.Page.InputValueAsync("#c-metric"));
        Assert.Equal(21, await fresh.Page.EvaluateAsync<int>("() => document.querySelector('[data-compare-chart]').data[0].x.length"));
    }

    [Fact]
    public async Task RunsTable_PhoneWidth_PageDoesNotScrollSideways()
    {
        await using var page = await browser.OpenAsync(width: 390, height: 844);

        var overflow = await page.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");

        Assert.False(overflow);
        Assert.True(await page.Page.Locator("table").IsVisibleAsync());
        await page.ScreenshotAsync("runs-phone");
    }
}
