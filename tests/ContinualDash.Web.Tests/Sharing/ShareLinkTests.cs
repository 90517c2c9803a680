using System.Net;
using System.Net.Http.Json;
using ContinualDash.Core.Access;
using ContinualDash.Core.Sharing;
using ContinualDash.Web.Access;
using ContinualDash.Web.Sharing;
using ContinualDash.Web.Tests.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContinualDash.Web.Tests.Sharing;

public sealed class ShareLinkTests
{
    // A dead link's cookie still names the link, so the visitor is known but refused.
    private static readonly HttpStatusCode[] Refused = [HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden];

    [Fact]
    public async Task RunLink_Anonymous_OpensThatRunAndItsDataOnly()
    {
        await using var app = new AccountsFactory();
        var (shared, other) = await TwoRunsAsync(app);
        var (_, token) = await CreateLinkAsync(app, ShareLinkKind.Run, shared.ToString(), days: null);
        var visitor = app.Browser();

        var open = await visitor.GetAsync($"/share/{token}");

        Assert.Equal(HttpStatusCode.Found, open.StatusCode);
        Assert.EndsWith($"/runs/{shared}", open.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/runs/{shared}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/api/runs/{shared}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/api/runs/{shared}/series?name=accuracy&task=0")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/api/runs/{shared}/export?format=csv")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await visitor.GetAsync($"/api/runs/{other}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await visitor.GetAsync($"/runs/{other}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await visitor.GetAsync("/")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await visitor.GetAsync("/api/runs")).StatusCode);
    }

    [Fact]
    public async Task RevokedLink_Anonymous_Gives410AndNoData()
    {
        await using var app = new AccountsFactory();
        var (shared, _) = await TwoRunsAsync(app);
        var (link, token) = await CreateLinkAsync(app, ShareLinkKind.Run, shared.ToString(), days: null);
        var visitor = app.Browser();
        Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync($"/share/{token}")).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<ShareLinks>().RevokeAsync(link.Id, Member(), default));

        Assert.Equal(HttpStatusCode.Gone, (await visitor.GetAsync($"/share/{token}")).StatusCode);
        var data = await visitor.GetAsync($"/api/runs/{shared}");
        Assert.Contains(data.StatusCode, Refused);
        Assert.DoesNotContain("shared-run", await data.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.OK, (await visitor.GetAsync($"/runs/{shared}")).StatusCode);
    }

    [Fact]
    public async Task ExpiredLink_Anonymous_Gives410AndNoData()
    {
        await using var app = new AccountsFactory();
        var (shared, _) = await TwoRunsAsync(app);
        var (_, token) = await CreateLinkAsync(app, ShareLinkKind.Run, shared.ToString(), days: 1);
        var visitor = app.Browser();
        Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync($"/share/{token}")).StatusCode);

        app.Clock.Advance(TimeSpan.FromDays(1.5));

        Assert.Equal(HttpStatusCode.Gone, (await visitor.GetAsync($"/share/{token}")).StatusCode);
        Assert.Contains((await visitor.GetAsync($"/api/runs/{shared}")).StatusCode, Refused);
    }

    [Fact]
    public async Task AlteredToken_Anonymous_Gives404()
    {
        await using var app = new AccountsFactory();
        var (shared, _) = await TwoRunsAsync(app);
        var (_, token) = await CreateLinkAsync(app, ShareLinkKind.Run, shared.ToString(), days: null);
        var altered = token[..^2] + (token[^2] == 'A' ? "BB" : "AA");

        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/share/{altered}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/share/1")).StatusCode);
    }

    [Fact]
    public async Task ExperimentLink_Anonymous_OpensExperimentAndItsRunsOnly()
    {
        await using var app = new AccountsFactory();
        var (shared, other) = await TwoRunsAsync(app);
        long experimentId;
        await using (var db = app.CreateDbContext())
            experimentId = await db.Runs.Where(r => r.Id == shared).Select(r => r.ExperimentId!.Value).SingleAsync();
        var (_, token) = await CreateLinkAsync(app, ShareLinkKind.Experiment, experimentId.ToString(), days: null);
        var visitor = app.Browser();

        await visitor.GetAsync($"/share/{token}");

        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/experiments/{experimentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/api/runs/{shared}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await visitor.GetAsync($"/api/runs/{other}")).StatusCode);
        // Zooming the experiment's chart re-fetches its traces; another run's traces stay closed.
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/compare/traces?runs={shared}&metric=avg_acc")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await visitor.GetAsync($"/compare/traces?runs={shared},{other}&metric=avg_acc")).StatusCode);
    }

    [Fact]
    public async Task CreateLink_KeysPersistedInDatabase_TokenStillOpensAfterRestart()
    {
        await using var database = Testing.TestDatabase.Sqlite();
        string token;
        long shared;
        await using (var first = OnDatabase(database))
        {
            (shared, _) = await TwoRunsAsync(first);
            (_, token) = await CreateLinkAsync(first, ShareLinkKind.Run, shared.ToString(), days: null);
        }
        await using var second = OnDatabase(database);

        var open = await second.Browser().GetAsync($"/share/{token}");

        Assert.Equal(HttpStatusCode.Found, open.StatusCode);
        await using var db = database.CreateContext();
        Assert.True(await db.DataProtectionKeys.AnyAsync());
    }

    /// <summary>Two runs logged by an admin's token; the first in experiment "shared", the second in "other".</summary>
    private static async Task<(long Shared, long Other)> TwoRunsAsync(AccountsFactory app)
    {
        var admin = await app.CreateUserAsync("admin", UserRole.Admin);
        await app.CreateUserAsync("mia", UserRole.Member);
        var api = app.WithToken(await app.CreateTokenAsync(admin));
        var ids = new List<long>();
        foreach (var experiment in new[] { "shared", "other" })
        {
            var created = await api.PostAsJsonAsync("/api/runs", new { name = experiment + "-run", experiment, tasks = new[] { new { name = "t0" } } });
            var id = (await created.Content.ReadFromJsonAsync<ContinualDash.Web.Tracking.CreateRunResponse>())!.Id;
            var logged = await api.PostAsJsonAsync($"/api/runs/{id}/metrics",
                new { points = new[] { new { name = "accuracy", task = 0, iteration = 1, value = 0.5 } } });
            Assert.Equal(HttpStatusCode.OK, logged.StatusCode);
            ids.Add(id);
        }
        return (ids[0], ids[1]);
    }

    private static async Task<(ShareLink Link, string Token)> CreateLinkAsync(AccountsFactory app, string kind, string target, int? days)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShareLinks>().CreateAsync(kind, target, days, Member(), default);
    }

    private static AccountsFactory OnDatabase(Testing.TestDatabase database) => new()
    {
        Settings = { ["Database:Provider"] = database.Provider, ["ConnectionStrings:Default"] = database.ConnectionString },
    };

    private static System.Security.Claims.ClaimsPrincipal Member() =>
        AccessClaims.ForUser(new User { Id = 2, UserName = "mia", Role = UserRole.Member }, AccessSchemes.Cookie);
}
