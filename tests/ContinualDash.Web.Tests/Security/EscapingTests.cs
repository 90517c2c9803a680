using System.Net;
using System.Net.Http.Json;
using ContinualDash.Core.Access;
using ContinualDash.Core.Sharing;
using ContinualDash.Core.Workers;
using ContinualDash.Web.Access;
using ContinualDash.Web.Sharing;
using ContinualDash.Web.Tests.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContinualDash.Web.Tests.Security;

/// <summary>User-supplied strings reach every page as text, never as markup.</summary>
public sealed class EscapingTests
{
    public const string Script = "<script>alert(1)</script>";
    public const string Img = "\"><img src=x onerror=alert(1)>";

    [Fact]
    public async Task EveryPage_HostileNamesConfigTagsAndErrors_AppearEscaped()
    {
        await using var host = await TrackingHost.StartAsync();
        var runId = await CreateHostileRunAsync(host.Client);
        await using var scope = host.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(Script + Img, ApiTokenKind.User, null, null, default);
        await scope.ServiceProvider.GetRequiredService<WorkerProtocol>().RegisterAsync(new WorkerRegistration("w-1", Script + Img, ["gpu"], 1), default);
        await scope.ServiceProvider.GetRequiredService<ShareLinks>().CreateAsync(
            ShareLinkKind.Compare, $"runs={runId}&group={Uri.EscapeDataString(Script + Img)}", null, AccessClaims.Local("test"), default);
        await using var db = host.App.CreateDbContext();
        var experimentId = await db.Experiments.Select(e => e.Id).SingleAsync();

        string[] pages = ["/", $"/runs/{runId}", $"/experiments/{experimentId}", $"/compare?runs={runId}&group=config.note",
                          "/workers", "/settings/tokens", "/settings/links"];
        var failures = new List<string>();
        foreach (var page in pages)
        {
            var response = await host.App.CreateClient().GetAsync(page);
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK) failures.Add($"{page}: {(int)response.StatusCode}");
            if (html.Contains(Script, StringComparison.OrdinalIgnoreCase)) failures.Add($"{page}: raw <script>");
            if (html.Contains("<img src=x", StringComparison.OrdinalIgnoreCase)) failures.Add($"{page}: raw <img>");
            if (!html.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", StringComparison.Ordinal)
                && !html.Contains("&lt;img src=x onerror=alert(1)&gt;", StringComparison.Ordinal))
                failures.Add($"{page}: the hostile text is not shown at all, so escaping was not exercised");
        }

        Assert.Empty(failures);
    }

    /// <summary>A run named <see cref="Script"/> in an experiment named <see cref="Img"/>, with both in its
    /// config and tags, finished with an error that holds both.</summary>
    public static async Task<long> CreateHostileRunAsync(HttpClient api)
    {
        var created = await api.PostAsJsonAsync("/api/runs", new
        {
            name = Script, experiment = Img, config = new Dictionary<string, string> { ["note"] = Img, ["strategy"] = Script },
            tags = new[] { Img, Script }, tasks = new[] { new { name = Img } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var runId = (await created.Content.ReadFromJsonAsync<ContinualDash.Web.Tracking.CreateRunResponse>())!.Id;
        var finished = await api.PostAsJsonAsync($"/api/runs/{runId}/finish", new { status = "Failed", error = Script + Img });
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        return runId;
    }
}
