using System.Net;
using System.Text.RegularExpressions;
using ContinualDash.Core.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.Access;

public sealed partial class TokensPageTests
{
    [Fact]
    public async Task Create_ValidName_RedirectsAndShowsSecretOnceThatAuthenticates()
    {
        await using var app = new DashFactory();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var post = await PostFormAsync(client, "create-token", new() { ["Input.Name"] = "gpu-box", ["Input.Kind"] = "user" });
        var location = post.Headers.Location!.OriginalString;
        var reveal = await client.GetStringAsync(location);
        var again = await client.GetStringAsync(location);

        Assert.Equal(HttpStatusCode.Found, post.StatusCode);
        var secret = TokenPattern().Match(reveal).Value;
        Assert.NotEmpty(secret);
        Assert.DoesNotContain(secret, again);
        Assert.Contains("gpu-box", again);
        await using var db = app.CreateDbContext();
        Assert.Equal(ApiTokenService.Hash(secret), (await db.ApiTokens.SingleAsync()).Hash);
        Assert.Equal(HttpStatusCode.Created, await CreateRunWithAsync(app, secret));
    }

    [Fact]
    public async Task Create_EmptyName_ShowsValidationAndStoresNothing()
    {
        await using var app = new DashFactory();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var post = await PostFormAsync(client, "create-token", new() { ["Input.Name"] = "", ["Input.Kind"] = "user" });

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("Give the token a name", await post.Content.ReadAsStringAsync());
        await using var db = app.CreateDbContext();
        Assert.False(await db.ApiTokens.AnyAsync());
    }

    [Fact]
    public async Task Revoke_LiveToken_MarksItRevokedAndItNoLongerAuthenticates()
    {
        await using var app = new DashFactory();
        long id;
        string secret;
        await using (var db = app.CreateDbContext())
        {
            var (token, s) = await new ApiTokenService(db, TimeProvider.System).CreateAsync("old", ApiTokenKind.User, null, null, default);
            (id, secret) = (token.Id, s);
        }
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var post = await PostFormAsync(client, "revoke-token", new() { ["Revoke.Id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var page = await client.GetStringAsync("/settings/tokens");

        Assert.Equal(HttpStatusCode.Found, post.StatusCode);
        Assert.DoesNotContain("aria-label=\"Revoke old\"", page);
        await using var check = app.CreateDbContext();
        Assert.NotNull((await check.ApiTokens.SingleAsync()).RevokedAt);
        Assert.Equal(HttpStatusCode.Unauthorized, await CreateRunWithAsync(app, secret));
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_Returns400()
    {
        await using var app = new DashFactory();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var post = await client.PostAsync("/settings/tokens", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "create-token", ["Input.Name"] = "x",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.False(await db.ApiTokens.AnyAsync());
    }

    /// <summary>What the API answers a run creation made with <paramref name="secret"/>.</summary>
    private static async Task<HttpStatusCode> CreateRunWithAsync(DashFactory app, string secret)
    {
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        var response = await api.PostAsync("/api/runs", new StringContent("""{"name":"r"}""", System.Text.Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    /// <summary>GETs the page for its antiforgery token, then posts the named form like a browser would.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string form, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync("/settings/tokens");
        fields["__RequestVerificationToken"] = AntiforgeryPattern().Match(html).Groups[1].Value;
        fields["_handler"] = form;
        return await client.PostAsync("/settings/tokens", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();

    [GeneratedRegex("cd_[a-z0-9]{8}_[a-z0-9]{32}")]
    private static partial Regex TokenPattern();
}
