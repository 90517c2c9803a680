using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace ContinualDash.Bench.Load;

/// <summary>
/// One browser's event stream: a run's <c>/api/runs/{id}/events</c> (until the run's final status) or the
/// run list's <c>/api/runs/events</c> (until cancelled). For point events it records the lag from the
/// newest point's stored wall time (the server's clock at the write) to its arrival here; for the run
/// list's <c>status</c> events, the run, status and arrival time (matched later with the request that
/// caused them, see <see cref="RunChurn"/>).
/// </summary>
internal sealed class SseSubscriber(HttpClient http, string path)
{
    private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<StatusArrival> statuses = [];

    public int Events { get; private set; }

    public long Points { get; private set; }

    public List<double> LagMs { get; } = [];

    public string? Error { get; private set; }

    /// <summary>Completes with the first event (the run list's snapshot) or when the stream ends.</summary>
    public Task Opened => opened.Task;

    /// <summary>A copy of the <c>status</c> events received so far; safe while the stream runs.</summary>
    public StatusArrival[] Statuses
    {
        get { lock (statuses) return [.. statuses]; }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            using var answer = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
            answer.EnsureSuccessStatusCode();
            await using var stream = await answer.Content.ReadAsStreamAsync(ct);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(ct))
            {
                var arrived = Stopwatch.GetTimestamp();
                var received = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                Events++;
                opened.TrySetResult();
                if (item.EventType == "status") RecordStatus(item.Data, arrived);
                if (item.EventType != "points") continue;
                using var json = JsonDocument.Parse(item.Data);
                var points = json.RootElement;
                Points += points.GetArrayLength();
                LagMs.Add(received - points[points.GetArrayLength() - 1].GetProperty("time").GetInt64());
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the run-list stream never ends by itself
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Error = e.Message;
        }
        finally
        {
            opened.TrySetResult();
        }
    }

    /// <summary>A status event is <c>{"runId": …, "status": …}</c> (<c>id</c> is accepted too). Run streams
    /// send the same shape for their own run; only the run list's arrivals are used.</summary>
    private void RecordStatus(string data, long arrived)
    {
        using var json = JsonDocument.Parse(data);
        if (json.RootElement.ValueKind != JsonValueKind.Object) return;
        long? runId = null;
        string? status = null;
        foreach (var property in json.RootElement.EnumerateObject())
        {
            if (property.NameEquals("runId") || property.NameEquals("id"))
                runId = property.Value.TryGetInt64(out var id) ? id : null;
            else if (property.NameEquals("status") && property.Value.ValueKind == JsonValueKind.String)
                status = property.Value.GetString();
        }
        if (runId is { } run && status is not null)
            lock (statuses) statuses.Add(new StatusArrival(run, status, arrived));
    }
}
