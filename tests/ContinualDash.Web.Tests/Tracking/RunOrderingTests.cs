using System.Globalization;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using ContinualDash.Testing;

namespace ContinualDash.Web.Tests.Tracking;

/// <summary>
/// Storage order of one run that many writers post to at once (issue 14): the run's event stream, which
/// follows commits from memory and reads the database only to catch up, and the export list the same points
/// in the same order, with no gap and no repeat.
/// </summary>
public sealed class RunOrderingTests
{
    private const int Writers = 10;
    private const int BatchesPerWriter = 30;
    private const int BatchSize = 20;
    private const int Points = Writers * BatchesPerWriter * BatchSize;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task RunEvents_TenWritersPostToOneRun_StreamAndExportListEveryStoredPointOnceInIdOrder(string provider)
    {
        await using var host = await TrackingHost.StartAsync(provider, kestrel: true);
        var runId = await host.CreateRunAsync(new { name = "ordering" });
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var viewer = host.ClientWith(null);
        using var response = await viewer.GetAsync($"/api/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var events = SseParser.Create(await response.Content.ReadAsStreamAsync(cts.Token))
            .EnumerateAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        // The first event comes after the stream subscribed and read the (empty) run: it follows from here on.
        Assert.True(await events.MoveNextAsync(), "the stream ended before its first event");
        Assert.Equal("status", events.Current.EventType);

        var reading = ReadToEndAsync(events);
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(host, runId, w, cts.Token))));
        (await host.Client.PostAsJsonAsync($"/api/runs/{runId}/finish", new { status = "succeeded" }, cts.Token))
            .EnsureSuccessStatusCode();
        var streamed = await reading;

        using var export = JsonDocument.Parse(await host.Client.GetStringAsync($"/api/runs/{runId}/export?format=json", cts.Token));
        var exported = export.RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList();
        await using var db = host.App.CreateDbContext();
        var stored = await StoredPoints.AllAsync(db, runId);

        var streamedIds = streamed.Points.Select(p => p.Id).ToList();
        AssertStrictlyIncreasing(streamedIds, "stream");
        AssertStrictlyIncreasing(exported, "export");
        Assert.Equal(Enumerable.Range(0, Points).Select(i => (long)i), stored.Select(p => p.Iteration).Order());
        Assert.Equal(stored.Select(p => p.Id), exported);
        Assert.Equal(stored.Select(p => p.Id), streamedIds);
        Assert.Equal(stored.Select(p => p.Iteration), streamed.Points.Select(p => p.Iteration));
        Assert.Equal(stored[^1].Id.ToString(CultureInfo.InvariantCulture), streamed.LastPointsEventId);
        Assert.Equal(("status", "Succeeded"), streamed.Last);
    }

    /// <summary>Writer <paramref name="writer"/> posts its own iterations (writer*600 ..) in keyed batches, one
    /// at a time; every batch must be acknowledged.</summary>
    private static async Task WriteAsync(TrackingHost host, long runId, int writer, CancellationToken ct)
    {
        for (var b = 0; b < BatchesPerWriter; b++)
        {
            var first = ((long)writer * BatchesPerWriter + b) * BatchSize;
            var points = Enumerable.Range(0, BatchSize)
                .Select(i => new { name = "accuracy", task = 0, iteration = first + i, value = (first + i) / (double)Points });
            using var answer = await host.Client.PostAsJsonAsync(
                $"/api/runs/{runId}/metrics", new { batch = $"w{writer}-b{b}", points }, ct);
            Assert.True(answer.IsSuccessStatusCode, $"writer {writer}, batch {b}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(ct)}");
        }
    }

    private sealed record Streamed(List<(long Id, long Iteration)> Points, string? LastPointsEventId, (string Type, string? Status) Last);

    /// <summary>Every <c>points</c> event until the stream ends (it ends after the final <c>status</c>).</summary>
    private static async Task<Streamed> ReadToEndAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        var points = new List<(long, long)>();
        string? lastPointsId = null;
        (string, string?) last = default;
        while (await events.MoveNextAsync())
        {
            var e = events.Current;
            using var json = JsonDocument.Parse(e.Data);
            last = (e.EventType, e.EventType == "status" ? json.RootElement.GetProperty("status").GetString() : null);
            if (e.EventType != "points") continue;
            lastPointsId = e.EventId;
            foreach (var p in json.RootElement.EnumerateArray())
                points.Add((p.GetProperty("id").GetInt64(), p.GetProperty("iteration").GetInt64()));
        }
        return new Streamed(points, lastPointsId, last);
    }

    private static void AssertStrictlyIncreasing(List<long> ids, string source)
    {
        for (var i = 1; i < ids.Count; i++)
            Assert.True(ids[i] > ids[i - 1], $"{source}: point id {ids[i]} at {i} follows {ids[i - 1]}");
    }
}
