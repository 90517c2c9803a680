using System.Net;
using System.Net.Http.Json;
using ContinualDash.Core.Access;
using ContinualDash.Testing;

namespace ContinualDash.Web.Tests.Hosting;

/// <summary>Behind a TLS reverse proxy (docs/DEPLOYMENT.md): with ASPNETCORE_FORWARDEDHEADERS_ENABLED the app
/// takes the scheme from X-Forwarded-Proto, so the links it hands out are https.</summary>
public sealed class ForwardedHeadersTests
{
    [Theory]
    [InlineData(true, "https://")]
    [InlineData(false, "http://")]
    public async Task CreateRun_WithXForwardedProto_RunUrlUsesTheProxysSchemeOnlyWhenEnabled(bool enabled, string scheme)
    {
        await using var app = new DashFactory();
        if (enabled) app.Settings["FORWARDEDHEADERS_ENABLED"] = "true";
        var client = app.CreateClient();
        await using (var db = app.CreateDbContext())
        {
            var (_, token) = await new ApiTokenService(db, new ManualTimeProvider()).CreateAsync("proxy", ApiTokenKind.User, null, null, default);
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = JsonContent.Create(new { name = "behind-proxy" }) };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var answer = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        var url = (await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("url").GetString();
        Assert.StartsWith(scheme, url);
    }
}
