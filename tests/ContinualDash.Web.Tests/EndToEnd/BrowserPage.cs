using Microsoft.Playwright;

namespace ContinualDash.Web.Tests.EndToEnd;

/// <summary>A page in its own browser context, with the console errors, failed requests and error responses it saw.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext context;

    public BrowserPage(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        page.Console += (_, message) => { if (message.Type == "error") Errors.Add("console: " + message.Text); };
        page.PageError += (_, error) => Errors.Add("page error: " + error);
        page.RequestFailed += (_, request) => Errors.Add($"request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) => { if (response.Status >= 400) Errors.Add($"HTTP {response.Status}: {response.Url}"); };
    }

    public IPage Page { get; }

    /// <summary>Everything that went wrong in the browser; tests assert it stays empty.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Saves a full-page screenshot as test-artifacts/<paramref name="name"/>.png and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(BrowserFixture.ArtifactsFolder);
        var path = Path.Combine(BrowserFixture.ArtifactsFolder, name + ".png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    public ValueTask DisposeAsync() => new(context.CloseAsync());
}
