using ContinualDash.Core.Access;
using ContinualDash.Testing;
using ContinualDash.Testing.Datasets;
using Microsoft.Playwright;

namespace ContinualDash.Web.Tests.EndToEnd;

/// <summary>
/// The app on a real loopback port (Kestrel) with its own SQLite file, and Debian's Chromium driven by
/// Playwright. Shared by the end-to-end tests of one collection; each test opens its own page with
/// <see cref="OpenAsync"/>, which also records console errors and failed requests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where screenshots go; CI keeps this folder as the test artifacts.</summary>
    public static readonly string ArtifactsFolder = Path.Combine(RepositoryRoot(), "test-artifacts");

    private IPlaywright? playwright;
    private IBrowser? browser;

    public DashFactory App { get; } = new();

    /// <summary>Tiny generated IDX files that the in-process worker slot trains on.</summary>
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("cdash-e2e-data-").FullName;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        SyntheticIdx.WriteDataset(DataDirectory, trainPerClass: 12, testPerClass: 5);
        App.Settings["Training:DataDirectory"] = DataDirectory;
        App.UseKestrel(0); // a free loopback port
        App.StartServer();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            // Debian's Chromium: Playwright's own browser download is not possible here, nor needed.
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Opens <paramref name="path"/> in a fresh browser context (no shared cookies).</summary>
    public async Task<BrowserPage> OpenAsync(string path = "", int width = 1280, int height = 800)
    {
        var context = await browser!.NewContextAsync(new()
        {
            BaseURL = BaseUrl + "/",
            ViewportSize = new() { Width = width, Height = height },
        });
        var page = new BrowserPage(context, await context.NewPageAsync());
        await page.Page.GotoAsync(path);
        return page;
    }

    /// <summary>A new user API token of the app, as a trainer or script would be given one.</summary>
    public async Task<string> CreateTokenAsync(string name = "e2e")
    {
        await using var db = App.CreateDbContext();
        return (await new ApiTokenService(db, new ManualTimeProvider()).CreateAsync(name, ApiTokenKind.User, null, null, default)).Secret;
    }

    /// <summary>An HTTP client of the app's API with a fresh token, for data the tests create as users do.</summary>
    public async Task<HttpClient> ApiAsync()
    {
        var api = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", await CreateTokenAsync());
        return api;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>The repository's root folder (holds ContinualDash.sln), found from the test binaries.</summary>
    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ContinualDash.sln"))) dir = dir.Parent;
        return dir?.FullName ?? AppContext.BaseDirectory;
    }
}
