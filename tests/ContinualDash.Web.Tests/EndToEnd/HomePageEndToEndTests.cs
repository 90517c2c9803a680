namespace ContinualDash.Web.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class HomePageEndToEndTests(BrowserFixture browser)
{
    [Fact]
    public async Task Home_InChromium_ShowsShellAndEmptyStateWithoutErrors()
    {
        await using var page = await browser.OpenAsync();

        Assert.Equal("Runs · ContinualDash", await page.Page.TitleAsync());
        var empty = page.Page.GetByTestId("empty-state");
        Assert.True(await empty.IsVisibleAsync());
        Assert.Contains("No runs yet", await empty.InnerTextAsync());
        Assert.Equal("Runs", await page.Page.Locator("nav a.nav-link.active").InnerTextAsync());
        // Bootstrap really loaded from wwwroot/lib: the navbar is styled dark.
        var navBackground = await page.Page.EvaluateAsync<string>(
            "getComputedStyle(document.querySelector('nav.navbar')).backgroundColor");
        Assert.NotEqual("rgba(0, 0, 0, 0)", navBackground);

        var shot = await page.ScreenshotAsync("home-empty");
        Assert.True(new FileInfo(shot).Length > 1000);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Home_OnPhoneWidth_CollapsesNavigationBehindToggle()
    {
        await using var page = await browser.OpenAsync(width: 390, height: 844);

        Assert.True(await page.Page.Locator("button.navbar-toggler").IsVisibleAsync());
        Assert.False(await page.Page.Locator("#main-nav").IsVisibleAsync());
        await page.Page.Locator("button.navbar-toggler").ClickAsync();
        await page.Page.Locator("#main-nav").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Visible });

        await page.ScreenshotAsync("home-phone");
        Assert.Empty(page.Errors);
    }
}
