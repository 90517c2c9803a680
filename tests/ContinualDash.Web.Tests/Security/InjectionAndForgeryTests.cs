using System.Net;
using ContinualDash.Core.Access;
using ContinualDash.Web.Tests.Access;
using ContinualDash.Web.Tests.Tracking;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.Security;

/// <summary>Filter expressions are parsed, never concatenated into SQL; forms without an antiforgery token store nothing.</summary>
public sealed class InjectionAndForgeryTests
{
    public static TheoryData<string> HostileFilters => new()
    {
        "name = \"'; DROP TABLE \"Runs\"; --\"",
        "'; DROP TABLE \"Runs\"; --",
        "name = \"unbalanced",
        "name = 'unbalanced",
        "(strategy = er",
        "config.\"x\" = 1",
        string.Concat(Enumerable.Repeat("tag = a or ", 20_000)) + "tag = b",
    };

    [Theory]
    [MemberData(nameof(HostileFilters))]
    public async Task RunsPage_HostileFilter_AnswersWithoutServerErrorAndKeepsTable(string filter)
    {
        await using var host = await TrackingHost.StartAsync();
        var runId = await EscapingTests.CreateHostileRunAsync(host.Client);

        var response = await host.App.CreateClient().GetAsync("/?filter=" + Uri.EscapeDataString(filter));

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"status {(int)response.StatusCode}");
        await using var db = host.App.CreateDbContext();
        Assert.Equal(runId, await db.Runs.Select(r => r.Id).SingleAsync());
    }

    [Fact]
    public async Task RunsPage_UnbalancedQuote_ShowsThePagesMessage()
    {
        await using var host = await TrackingHost.StartAsync();

        var html = await host.App.CreateClient().GetStringAsync("/?filter=" + Uri.EscapeDataString("name = \"x"));

        Assert.Contains("data-testid=\"filter-error\"", html);
    }

    [Fact]
    public async Task UsersPage_PostWithoutAntiforgeryToken_Returns400AndStoresNothing()
    {
        await using var app = new AccountsFactory();
        await app.CreateUserAsync("admin", UserRole.Admin);
        var client = await app.SignedInAsync("admin");

        var post = await client.PostAsync("/settings/users", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "add-user", ["NewUser.UserName"] = "mallory", ["NewUser.Password"] = "password-1234", ["NewUser.Role"] = "admin",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Equal(["admin"], await db.Users.Select(u => u.UserName).ToListAsync());
    }

    [Fact]
    public async Task CancelForm_PostWithoutAntiforgeryToken_Returns400AndLeavesJobQueued()
    {
        await using var app = new Queue.QueueFactory();
        var (jobId, _) = await app.EnqueueAsync(new(["true"]));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var post = await client.PostAsync($"/workers/jobs/{jobId}/cancel", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.False((await db.Jobs.SingleAsync()).CancelRequested);
    }

    [Fact]
    public async Task SignOut_PostWithoutAntiforgeryToken_Returns400AndKeepsSession()
    {
        await using var app = new AccountsFactory();
        await app.CreateUserAsync("admin", UserRole.Admin);
        var client = await app.SignedInAsync("admin");

        var post = await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/settings/users")).StatusCode);
    }
}
