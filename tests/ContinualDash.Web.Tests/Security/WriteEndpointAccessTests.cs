using System.Net;
using System.Text;
using ContinualDash.Core.Access;
using ContinualDash.Web.Tests.Access;

namespace ContinualDash.Web.Tests.Security;

/// <summary>No write endpoint answers someone who may not write: 401 without credentials, 403 for a viewer.</summary>
public sealed class WriteEndpointAccessTests
{
    [Fact]
    public async Task ApiWrites_WithoutToken_Return401()
    {
        await using var app = new AccountsFactory();
        await app.CreateUserAsync("admin", UserRole.Admin);
        var writes = ApiWrites(app);

        var failures = await FailuresAsync(app.Browser(), writes, HttpStatusCode.Unauthorized);

        Assert.Empty(failures);
    }

    [Fact]
    public async Task ApiWrites_WithViewerToken_Return403()
    {
        await using var app = new AccountsFactory();
        var viewer = await app.CreateUserAsync("vera", UserRole.Viewer);
        var writes = ApiWrites(app);

        var failures = await FailuresAsync(app.WithToken(await app.CreateTokenAsync(viewer)), writes, HttpStatusCode.Forbidden);

        Assert.Empty(failures);
    }

    [Fact]
    public async Task FormWrites_WithoutSignIn_RedirectToSignIn()
    {
        await using var app = new AccountsFactory();
        await app.CreateUserAsync("admin", UserRole.Admin);
        var writes = FormWrites(app);
        var client = app.Browser();

        var failures = new List<string>();
        foreach (var write in writes)
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(write.Method), write.Url) { Content = EmptyForm() });
            if (response.StatusCode != HttpStatusCode.Found || response.Headers.Location?.OriginalString.Contains("/signin", StringComparison.Ordinal) != true)
                failures.Add($"{write.Method} {write.Pattern}: {(int)response.StatusCode} {response.Headers.Location}");
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task FormWrites_AsSignedInViewer_Return403()
    {
        await using var app = new AccountsFactory();
        await app.CreateUserAsync("vera", UserRole.Viewer);
        var writes = FormWrites(app).Where(w => !w.ForEverySignedInUser).ToList();

        var failures = await FailuresAsync(await app.SignedInAsync("vera"), writes, HttpStatusCode.Forbidden);

        Assert.Empty(failures);
    }

    private static IReadOnlyList<WriteEndpoints.Write> ApiWrites(AccountsFactory app)
    {
        var writes = WriteEndpoints.Of(app).Where(w => w.IsApi).ToList();
        // The enumeration must see the real API, or the checks below would pass vacuously.
        Assert.Contains(writes, w => w.Pattern == "/api/runs/{id:long}/metrics");
        Assert.Contains(writes, w => w.Pattern.StartsWith("/api/worker", StringComparison.Ordinal));
        Assert.Contains(writes, w => w.Pattern.StartsWith("/api/jobs", StringComparison.Ordinal));
        return writes;
    }

    private static IReadOnlyList<WriteEndpoints.Write> FormWrites(AccountsFactory app)
    {
        // Pages too: every page answers POST (its forms), and one without its own policy falls back to members.
        var writes = WriteEndpoints.Of(app).Where(w => !w.IsApi).ToList();
        Assert.Contains(writes, w => w.Pattern == "/runs/{runId:long}/cancel");
        Assert.Contains(writes, w => w.Pattern == "/settings/users");
        Assert.Contains(writes, w => w.Pattern == "/" && w.IsPage);
        return writes;
    }

    private static async Task<List<string>> FailuresAsync(HttpClient client, IEnumerable<WriteEndpoints.Write> writes, HttpStatusCode expected)
    {
        var failures = new List<string>();
        foreach (var write in writes)
        {
            HttpContent content = write.IsApi ? new StringContent("{}", Encoding.UTF8, "application/json") : EmptyForm();
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(write.Method), write.Url) { Content = content });
            if (response.StatusCode != expected) failures.Add($"{write.Method} {write.Pattern}: {(int)response.StatusCode}");
        }
        return failures;
    }

    private static FormUrlEncodedContent EmptyForm() => new(new Dictionary<string, string>());
}
