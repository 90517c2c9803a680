using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ContinualDash.Core.Access;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.Tracking;

/// <summary>The app on a fresh real database with a client that carries a live user token.</summary>
internal sealed class TrackingHost : IAsyncDisposable
{
    private TrackingHost(DashFactory app, HttpClient client)
    {
        App = app;
        Client = client;
    }

    public DashFactory App { get; }

    /// <summary>Sends <c>Authorization: Bearer</c> with a user token.</summary>
    public HttpClient Client { get; }

    /// <param name="provider">Sqlite or Postgres; <see cref="TestDatabase.DefaultProvider"/> when null.</param>
    /// <param name="kestrel">Serve on a loopback port (real sockets, as concurrent clients meet the server)
    /// instead of the in-memory test server; the clients then go over TCP.</param>
    public static async Task<TrackingHost> StartAsync(string? provider = null, bool kestrel = false)
    {
        var app = new DashFactory { Provider = provider ?? TestDatabase.DefaultProvider };
        if (kestrel)
        {
            app.UseKestrel(0);
            app.StartServer();
        }
        var client = app.CreateClient();
        var host = new TrackingHost(app, client);
        client.DefaultRequestHeaders.Authorization = new("Bearer", await host.CreateTokenAsync(ApiTokenKind.User, null));
        return host;
    }

    public async Task<string> CreateTokenAsync(string kind, long? runId)
    {
        await using var db = App.CreateDbContext();
        var (_, secret) = await new ApiTokenService(db, new ManualTimeProvider()).CreateAsync("test", kind, runId, null, CancellationToken.None);
        return secret;
    }

    /// <summary>A client with the given token (or none).</summary>
    public HttpClient ClientWith(string? token)
    {
        var client = App.CreateClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<long> CreateRunAsync(object? body = null)
    {
        var response = await Client.PostAsJsonAsync("/api/runs", body ?? new { name = "run" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>Counts of what a rejected request must not have touched.</summary>
    public async Task<(int Runs, int Points, int Batches, int Boundaries)> CountsAsync()
    {
        await using var db = App.CreateDbContext();
        return (await db.Runs.CountAsync(), (int)await StoredPoints.CountAsync(db), await db.MetricBatches.CountAsync(),
            await db.TaskPhases.CountAsync(p => p.BoundaryIteration != null));
    }

    /// <summary>Asserts a ProblemDetails answer with <paramref name="status"/> and, for a 400, an error on
    /// <paramref name="field"/>; returns the body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        if (field is not null)
        {
            var errors = body.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}' in {text}");
            Assert.True(messages.GetArrayLength() > 0);
        }
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
