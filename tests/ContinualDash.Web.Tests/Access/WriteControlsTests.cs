using System.Net;
using System.Net.Http.Json;
using ContinualDash.Core.Access;
using ContinualDash.Web.Tracking;

namespace ContinualDash.Web.Tests.Access;

/// <summary>Pages show launch, token and clone controls only to those who may use them.</summary>
public sealed class WriteControlsTests
{
    [Fact]
    public async Task RunPage_ViewerAndMember_OnlyTheMemberSeesCloneAndLaunchLinks()
    {
        await using var app = new AccountsFactory();
        var admin = await app.CreateUserAsync("admin", UserRole.Admin);
        await app.CreateUserAsync("vera", UserRole.Viewer);
        await app.CreateUserAsync("mia", UserRole.Member);
        var created = await app.WithToken(await app.CreateTokenAsync(admin)).PostAsJsonAsync("/api/runs", new { name = "r" });
        var runId = (await created.Content.ReadFromJsonAsync<CreateRunResponse>())!.Id;

        var viewer = await (await app.SignedInAsync("vera")).GetAsync($"/runs/{runId}");
        var member = await (await app.SignedInAsync("mia")).GetAsync($"/runs/{runId}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (viewer.StatusCode, member.StatusCode));
        var (viewerHtml, memberHtml) = (await viewer.Content.ReadAsStringAsync(), await member.Content.ReadAsStringAsync());
        Assert.DoesNotContain($"href=\"launch?from={runId}\"", viewerHtml);
        Assert.DoesNotContain("href=\"settings/tokens\"", viewerHtml);
        Assert.DoesNotContain("href=\"launch\"", viewerHtml);
        Assert.Contains($"href=\"launch?from={runId}\"", memberHtml);
        Assert.Contains("href=\"settings/tokens\"", memberHtml);
        Assert.Contains("href=\"launch\"", memberHtml);
    }
}
