using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace ContinualDash.Web.Tests.Tracking;

public sealed class RunEventStreamsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunEvents_LiveRun_StreamsStatusPointsMetricsBoundaryAndFinalStatus()
    {
        await using var host = await TrackingHost.StartAsync();
        var runId = await host.CreateRunAsync();
        using var cts = new CancellationTokenSource(Patience);
        var events = await OpenAsync(host, $"/api/runs/{runId}/events", null, cts.Token);

        var first = await NextAsync(events);
        var emptyMetrics = await NextAsync(events);
        await Log(host, runId, 1, 2, 3);
        var points = await NextAsync(events);
        var metrics = await NextAsync(events);
        await host.Client.PostAsJsonAsync($"/api/runs/{runId}/boundaries", new { task = 0, iteration = 3 });
        var boundary = await NextAsync(events);
        var afterBoundary = await NextAsync(events);
        await host.Client.PostAsJsonAsync($"/api/runs/{runId}/finish", new { status = "succeeded" });
        var final = await NextAsync(events);

        Assert.Equal(("status", "Running"), (first.EventType, Json(first).GetProperty("status").GetString()));
        Assert.Equal(("metrics", 0), (emptyMetrics.EventType, Json(emptyMetrics).GetProperty("report").GetProperty("per_iteration").GetArrayLength()));
        Assert.Equal("points", points.EventType);
        Assert.Equal([1L, 2, 3], Json(points).EnumerateArray().Select(p => p.GetProperty("iteration").GetInt64()));
        Assert.Equal(Json(points)[2].GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), points.EventId);
        // The metrics event carries the rows the stream has not sent: all three, the last one still open.
        Assert.Equal("metrics", metrics.EventType);
        Assert.Equal((0, 2), (Json(metrics).GetProperty("first_row").GetInt32(), Json(metrics).GetProperty("settled_rows").GetInt32()));
        Assert.Equal([1, 2, 3], Json(metrics).GetProperty("report").GetProperty("per_iteration").EnumerateArray().Select(r => r.GetProperty("iteration").GetInt32()));
        Assert.Equal(("boundary", 3L), (boundary.EventType, Json(boundary).GetProperty("iteration").GetInt64()));
        // After the boundary: only the row that was still open, and task 0's boundary row.
        Assert.Equal(("metrics", 2), (afterBoundary.EventType, Json(afterBoundary).GetProperty("first_row").GetInt32()));
        Assert.Equal([3], Json(afterBoundary).GetProperty("report").GetProperty("per_iteration").EnumerateArray().Select(r => r.GetProperty("iteration").GetInt32()));
        Assert.Equal(1, Json(afterBoundary).GetProperty("report").GetProperty("boundary_metrics").GetArrayLength());
        Assert.Equal(("status", "Succeeded"), (final.EventType, Json(final).GetProperty("status").GetString()));
        Assert.False(await events.MoveNextAsync(), "the stream of a finished run ends");
    }

    [Fact]
    public async Task RunEvents_WithLastEventId_ResumesAfterThatPoint()
    {
        await using var host = await TrackingHost.StartAsync();
        var runId = await host.CreateRunAsync();
        await Log(host, runId, 1, 2);
        using var cts = new CancellationTokenSource(Patience);
        var firstConnection = await OpenAsync(host, $"/api/runs/{runId}/events", null, cts.Token);
        SseItem<string> seen;
        do seen = await NextAsync(firstConnection); while (seen.EventType != "points");

        await Log(host, runId, 3, 4);
        var resumed = await OpenAsync(host, $"/api/runs/{runId}/events", seen.EventId, cts.Token);
        SseItem<string> next;
        do next = await NextAsync(resumed); while (next.EventType != "points");

        Assert.Equal([3L, 4], Json(next).EnumerateArray().Select(p => p.GetProperty("iteration").GetInt64()));
    }

    [Fact]
    public async Task RunEvents_BadLastEventIdOrUnknownRun_ReturnsProblem()
    {
        await using var host = await TrackingHost.StartAsync();
        var runId = await host.CreateRunAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{runId}/events");
        request.Headers.Add("Last-Event-ID", "abc");

        var bad = await host.Client.SendAsync(request);
        var unknown = await host.Client.GetAsync("/api/runs/999/events");

        await TrackingHost.AssertProblemAsync(bad, HttpStatusCode.BadRequest, "Last-Event-ID");
        await TrackingHost.AssertProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RunListEvents_RunCreatedAndFinished_StreamsStatusChanges()
    {
        await using var host = await TrackingHost.StartAsync();
        var existing = await host.CreateRunAsync();
        using var cts = new CancellationTokenSource(Patience);
        using var response = await host.ClientWith(null).GetAsync("/api/runs/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var events = SseParser.Create(await response.Content.ReadAsStreamAsync(cts.Token)).EnumerateAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var snapshot = await NextAsync(events);
        await host.Client.PostAsJsonAsync($"/api/runs/{existing}/finish", new { status = "cancelled" });
        var created = await host.CreateRunAsync(new { name = "new" });

        var seen = new Dictionary<long, string>();
        while (!seen.TryGetValue(created, out _))
        {
            var e = await NextAsync(events);
            seen[Json(e).GetProperty("runId").GetInt64()] = Json(e).GetProperty("status").GetString()!;
        }

        Assert.Equal("snapshot", snapshot.EventType);
        Assert.Equal([existing], Json(snapshot).EnumerateArray().Select(r => r.GetProperty("runId").GetInt64()));
        Assert.Equal("Running", seen[created]);
        Assert.All(seen.Values, s => Assert.Contains(s, new[] { "Running", "Cancelled" }));
    }

    [Fact]
    public async Task RunListEvents_WithLastEventId_SendsExactlyTheChangesMissed()
    {
        await using var host = await TrackingHost.StartAsync();
        var finishing = await host.CreateRunAsync();
        var staying = await host.CreateRunAsync();
        using var cts = new CancellationTokenSource(Patience);
        var firstConnection = await OpenAsync(host, "/api/runs/events", null, cts.Token);
        var snapshot = await NextAsync(firstConnection);

        await host.Client.PostAsJsonAsync($"/api/runs/{finishing}/finish", new { status = "failed" });
        var created = await host.CreateRunAsync(new { name = "new" });
        var resumed = await OpenAsync(host, "/api/runs/events", snapshot.EventId, cts.Token);
        var missed = new[] { await NextAsync(resumed), await NextAsync(resumed) };
        await host.Client.PostAsJsonAsync($"/api/runs/{staying}/finish", new { status = "cancelled" });
        var live = await NextAsync(resumed);

        Assert.Equal([finishing, staying], Json(snapshot).EnumerateArray().Select(r => r.GetProperty("runId").GetInt64()));
        Assert.Equal([("status", finishing, "Failed"), ("status", created, "Running"), ("status", staying, "Cancelled")],
            missed.Append(live).Select(e => (e.EventType, Json(e).GetProperty("runId").GetInt64(), Json(e).GetProperty("status").GetString())));
    }

    [Fact]
    public async Task RunListEvents_MalformedLastEventId_Returns400NamingIt()
    {
        await using var host = await TrackingHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs/events");
        request.Headers.Add("Last-Event-ID", "7.1-9.");

        var response = await host.Client.SendAsync(request);

        await TrackingHost.AssertProblemAsync(response, HttpStatusCode.BadRequest, "Last-Event-ID");
    }

    private static async Task Log(TrackingHost host, long runId, params long[] iterations)
    {
        var response = await host.Client.PostAsJsonAsync($"/api/runs/{runId}/metrics",
            new { points = iterations.Select(i => new { name = "accuracy", task = 0, iteration = i, value = 0.5 }) });
        response.EnsureSuccessStatusCode();
    }

    private static async Task<IAsyncEnumerator<SseItem<string>>> OpenAsync(
        TrackingHost host, string path, string? lastEventId, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await host.ClientWith(null).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return SseParser.Create(await response.Content.ReadAsStreamAsync(ct)).EnumerateAsync(ct).GetAsyncEnumerator(ct);
    }

    private static async Task<SseItem<string>> NextAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        Assert.True(await events.MoveNextAsync(), "the stream ended early");
        return events.Current;
    }

    private static JsonElement Json(SseItem<string> item) => JsonDocument.Parse(item.Data).RootElement.Clone();
}
