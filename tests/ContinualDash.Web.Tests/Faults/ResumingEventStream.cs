using System.Net.ServerSentEvents;
using System.Text.Json;
using ContinualDash.Core.Runs;

namespace ContinualDash.Web.Tests.Faults;

/// <summary>
/// A run's event stream read the way a browser's <c>EventSource</c> reads it: it remembers the id of the last
/// event, and when the connection breaks it connects again with that id in <c>Last-Event-ID</c>, retrying until
/// the server answers. It stops at the run's final <c>status</c> event, as the run page does. What it received
/// is kept per connection, for the test to compare with the database.
/// </summary>
internal sealed class ResumingEventStream(HttpClient http, string path)
{
    /// <summary>Wait before connecting again (browsers wait about 3 s; shorter keeps the test short).</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly Lock gate = new();
    private readonly List<Point> points = [];
    private readonly List<string?> sentLastEventIds = [];
    private readonly List<TaskCompletionSource> firstEvents = [];
    private int failedConnects;
    private string? finalStatus;

    /// <summary>A point as a <c>points</c> event brought it, on connection <paramref name="Connection"/> (1-based).</summary>
    public sealed record Point(int Connection, long Id, long Iteration);

    /// <summary>Connections the server answered with a stream, the first one included.</summary>
    public int Connections { get { lock (gate) return sentLastEventIds.Count; } }

    /// <summary>Attempts that got no stream: refused while the server was down, or answered with a 5xx.</summary>
    public int FailedConnects => Volatile.Read(ref failedConnects);

    public int ReceivedPoints { get { lock (gate) return points.Count; } }

    /// <summary>Every point received, in the order received, across connections.</summary>
    public IReadOnlyList<Point> Points { get { lock (gate) return [.. points]; } }

    /// <summary>The <c>Last-Event-ID</c> each connection was opened with, in order (null: the header was not sent).</summary>
    public IReadOnlyList<string?> SentLastEventIds { get { lock (gate) return [.. sentLastEventIds]; } }

    /// <summary>The final status that ended the stream, once it did.</summary>
    public string? FinalStatus { get { lock (gate) return finalStatus; } }

    /// <summary>Completes when connection <paramref name="connection"/> (1-based) delivered its first event: the
    /// server subscribed that connection to the run's commits before it read anything for it.</summary>
    public Task FirstEventOn(int connection)
    {
        lock (gate) return FirstEvent(connection).Task;
    }

    /// <summary>Reads, reconnecting as often as it takes, until the run's final <c>status</c> event.</summary>
    public async Task ReadToFinalStatusAsync(CancellationToken ct)
    {
        string? lastEventId = null;
        while (true)
        {
            using var response = await ConnectAsync(lastEventId, ct);
            if (response is null)
            {
                Interlocked.Increment(ref failedConnects);
                await Task.Delay(RetryDelay, ct);
                continue;
            }
            int connection;
            lock (gate)
            {
                sentLastEventIds.Add(lastEventId);
                connection = sentLastEventIds.Count;
            }
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(ct);
                await foreach (var e in SseParser.Create(body).EnumerateAsync(ct))
                {
                    if (e.EventId is { } id) lastEventId = id;
                    lock (gate) FirstEvent(connection).TrySetResult();
                    if (Receive(e, connection)) return;
                }
            }
            catch (Exception broken) when (broken is IOException or HttpRequestException)
            {
                // The connection broke (HttpIOException when the server died in the middle of the response).
            }
            // Ended or broke before the final status: an EventSource connects again.
            await Task.Delay(RetryDelay, ct);
        }
    }

    /// <summary>The signal of a connection's first event; the caller holds <see cref="gate"/>.</summary>
    private TaskCompletionSource FirstEvent(int connection)
    {
        while (firstEvents.Count < connection) firstEvents.Add(new(TaskCreationOptions.RunContinuationsAsynchronously));
        return firstEvents[connection - 1];
    }

    private async Task<HttpResponseMessage?> ConnectAsync(string? lastEventId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        if (response.IsSuccessStatusCode) return response;
        var status = (int)response.StatusCode;
        var detail = await response.Content.ReadAsStringAsync(ct);
        response.Dispose();
        // A browser gives up on any other answer; a 5xx may come from a server that is starting, a 4xx is a bug.
        return status >= 500 ? null : throw new InvalidOperationException($"GET {path} answered {status}: {detail}");
    }

    /// <summary>Keeps what the event brought; true for the final status.</summary>
    private bool Receive(SseItem<string> e, int connection)
    {
        using var json = JsonDocument.Parse(e.Data);
        switch (e.EventType)
        {
            case "points":
                lock (gate)
                    foreach (var p in json.RootElement.EnumerateArray())
                        points.Add(new Point(connection, p.GetProperty("id").GetInt64(), p.GetProperty("iteration").GetInt64()));
                return false;
            case "status":
                var status = json.RootElement.GetProperty("status").GetString()!;
                if (!RunStatus.IsFinal(status)) return false;
                lock (gate) finalStatus = status;
                return true;
            default:
                return false;
        }
    }
}
