using System.Text.Json;

namespace ContinualDash.Bench.Load;

/// <summary>
/// The <c>ingest</c> object of <c>/healthz</c> (cumulative since the server started: group commits, batches
/// and points written, batches answered 503). Builds without group commit do not send it.
/// </summary>
internal sealed record IngestCounters(long Commits, long Batches, long Points, long Busy)
{
    /// <summary>The counters now, or null when this build's <c>/healthz</c> has no <c>ingest</c> object.</summary>
    public static async Task<IngestCounters?> ReadAsync(HttpClient http, CancellationToken ct)
    {
        using var answer = await http.GetAsync("/healthz", ct);
        await using var body = await answer.Content.ReadAsStreamAsync(ct);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        if (json.RootElement.ValueKind != JsonValueKind.Object
            || !json.RootElement.TryGetProperty("ingest", out var ingest) || ingest.ValueKind != JsonValueKind.Object)
            return null;
        return new IngestCounters(Count("commits"), Count("batches"), Count("points"), Count("busy"));

        long Count(string name) => ingest.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : 0;
    }

    public IngestCounters Since(IngestCounters before) =>
        new(Commits - before.Commits, Batches - before.Batches, Points - before.Points, Busy - before.Busy);
}
