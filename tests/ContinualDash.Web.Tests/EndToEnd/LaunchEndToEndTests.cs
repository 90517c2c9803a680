using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ContinualDash.Web.Tests.EndToEnd;

/// <summary>
/// The Launch form, Clone and the demo button in Chromium, trained by the app's in-process worker slot on tiny
/// generated IDX data. Each test has its own app and browser: they store runs, and the demo needs an empty database.
/// </summary>
public sealed class LaunchEndToEndTests : IAsyncLifetime
{
    private readonly BrowserFixture browser = new();

    public Task InitializeAsync() => browser.InitializeAsync();

    public Task DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task LaunchForm_TinyExperiment_LandsOnExperimentPageWhoseRunsFinishLiveAndCloneRefills()
    {
        await using var page = await browser.OpenAsync("launch");
        var p = page.Page;
        Assert.Equal("Launch", await p.Locator("nav a.nav-link.active").InnerTextAsync());
        await p.GetByLabel("Experiment name").FillAsync("e2e tiny");
        await p.GetByLabel("Tasks", new() { Exact = true }).FillAsync("2");
        await p.GetByLabel("Hidden layers of the MLP").FillAsync("16");
        await p.GetByLabel("Batch size").FillAsync("8");
        await p.GetByLabel("Epochs per task").FillAsync("1");
        await p.GetByLabel("Evaluation samples per task").FillAsync("5");
        await p.GetByLabel("Memory size (samples)").FillAsync("20");
        await p.GetByLabel("Replayed samples per iteration").FillAsync("4");
        await p.GetByLabel("Seeds (one run each)").FillAsync("1, 2");
        // The module shows only the chosen strategy's hyper-parameters.
        await p.GetByLabel("Strategy", new() { Exact = true }).SelectOptionAsync("ewc");
        Assert.False(await p.GetByLabel("Memory size (samples)").IsVisibleAsync());
        Assert.True(await p.GetByLabel("EWC λ").IsVisibleAsync());
        await p.GetByLabel("Strategy", new() { Exact = true }).SelectOptionAsync("er");
        Assert.True(await p.GetByLabel("Memory size (samples)").IsVisibleAsync());
        await page.ScreenshotAsync("launch-form");

        await p.GetByRole(AriaRole.Button, new() { Name = "Launch experiment" }).ClickAsync();

        await p.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/experiments/[0-9]+$"));
        Assert.Equal("e2e tiny", await p.Locator("h1").InnerTextAsync());
        var badges = p.Locator("[data-testid=compare-table] tbody tr .badge");
        Assert.Equal(2, await badges.CountAsync());
        // Both runs train and finish while the page is open: the badges follow without a reload.
        await p.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('[data-testid=compare-table] tbody tr .badge')].every(b => b.textContent === 'Succeeded')",
            null, new() { Timeout = 90_000 });
        await p.ReloadAsync();
        // Leaving a page while plotly.js still loads aborts that request, which the page reports as an error.
        await p.Locator("[data-compare-chart][data-drawn]").WaitForAsync();
        await page.ScreenshotAsync("experiment-page");
        // Each run's final metrics were stored by the run's own finish: the experiment's table and the runs
        // table show ACC, min-ACC, WC-ACC, BWT and forgetting.
        foreach (var cells in await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
            p.Locator("[data-testid=compare-table] tbody tr").Nth(i).Locator("td.text-end").AllInnerTextsAsync())))
            Assert.All(cells, c => Assert.Matches(@"^-?\d\.\d{3}$", c));
        await using (var runs = await browser.OpenAsync("?filter=" + Uri.EscapeDataString("final.acc >= 0 and name ~ \"e2e tiny\"")))
        {
            var rows = runs.Page.Locator("table tbody tr");
            Assert.Equal(2, await rows.CountAsync());
            Assert.All(await rows.First.Locator("td.text-end").AllInnerTextsAsync(), c => Assert.Matches(@"^-?\d+(\.\d{3})?$", c));
        }

        await p.GetByRole(AriaRole.Link, new() { Name = "e2e tiny seed 2" }).ClickAsync();
        await p.WaitForFunctionAsync("() => document.querySelector('[data-run-charts]')?.dataset.accuracyPoints !== undefined");
        await p.GetByRole(AriaRole.Link, new() { Name = "Clone" }).ClickAsync();
        Assert.Contains("launch?from=", p.Url);
        Assert.Equal(("e2e tiny (clone)", "16", "2", "8", "2"), (
            await p.GetByLabel("Experiment name").InputValueAsync(), await p.GetByLabel("Hidden layers of the MLP").InputValueAsync(),
            await p.GetByLabel("Tasks", new() { Exact = true }).InputValueAsync(), await p.GetByLabel("Batch size").InputValueAsync(),
            await p.GetByLabel("Seeds (one run each)").InputValueAsync()));
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task LaunchForm_BadLearningRate_ShowsMessageNextToFieldAndStoresNothing()
    {
        await using var page = await browser.OpenAsync("launch");
        var p = page.Page;
        await p.GetByLabel("Learning rate").FillAsync("-1");

        await p.GetByRole(AriaRole.Button, new() { Name = "Launch experiment" }).ClickAsync();

        var message = p.Locator("#launch-lr ~ .validation-message");
        await message.WaitForAsync();
        Assert.Equal("must be a positive number, got -1", await message.InnerTextAsync());
        Assert.Equal("-1", await p.GetByLabel("Learning rate").InputValueAsync());
        Assert.Equal(1, await p.Locator(".validation-message").CountAsync());
        await page.ScreenshotAsync("launch-form-invalid");
        await using var db = browser.App.CreateDbContext();
        Assert.Equal((0, 0), (await db.Experiments.CountAsync(), await db.Runs.CountAsync()));
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task DemoButton_OnEmptyDatabase_RunsAppearAndPhoneWidthHasNoPageOverflow()
    {
        await using var page = await browser.OpenAsync();
        var p = page.Page;

        await p.GetByRole(AriaRole.Button, new() { Name = "Launch demo experiment" }).ClickAsync();

        var rows = p.Locator("table.runs-table tbody tr");
        await rows.First.WaitForAsync();
        Assert.Equal(4, await rows.CountAsync());
        Assert.Equal(["er", "er", "finetune", "finetune"], (await p.Locator("table.runs-table tbody tr td:nth-child(3)").AllInnerTextsAsync())
            .Select(name => name.Split(' ')[0]).Order());
        await using (var db = browser.App.CreateDbContext())
            Assert.Equal(4, await db.Runs.CountAsync(r => r.ExperimentId != null && r.Status != RunStatus.Failed));

        // A phone: the wide table scrolls inside its own box, the page itself does not scroll sideways.
        await using var phone = await browser.OpenAsync(width: 375, height: 740);
        await phone.Page.Locator("table.runs-table").WaitForAsync();
        Assert.True(await phone.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        Assert.True(await phone.Page.EvaluateAsync<bool>(
            "() => { const box = document.querySelector('.table-responsive'); return box.scrollWidth > box.clientWidth; }"));
        await phone.ScreenshotAsync("runs-phone-375");
        Assert.Empty(page.Errors);
        Assert.Empty(phone.Errors);
    }
}
