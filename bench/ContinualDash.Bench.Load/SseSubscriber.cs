using System.Net.ServerSentEvents;
using System.Text.Json;

namespace ContinualDash.Bench.Load;

/// <summary>
/// One browser's event stream: a run's <c>/api/runs/{id}/events</c> (until the run's final status) or the
/// run list's <c>/api/runs/events</c> (until cancelled). For point events it records the lag from the
/// newest point's stored wall time (the server's clock at the write) to its arrival here.
/// </summary>
internal sealed class SseSubscriber(HttpClient http, string path)
{
    public int Events { get; private set; }

    public long Points { get; private set; }

    public List<double> LagMs { get; } = [];

    public string? Error { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            using var answer = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
            answer.EnsureSuccessStatusCode();
            await using var stream = await answer.Content.ReadAsStreamAsync(ct);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(ct))
            {
                Events++;
                if (item.EventType != "points") continue;
                var received = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
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
    }
}
