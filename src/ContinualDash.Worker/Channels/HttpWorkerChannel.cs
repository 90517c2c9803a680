using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ContinualDash.Core.Queue;
using ContinualDash.Core.RunLogs;
using ContinualDash.Core.Tracking;
using ContinualDash.Core.Workers;
using static ContinualDash.Worker.Channels.WorkerWire;

namespace ContinualDash.Worker.Channels;

/// <summary>
/// A remote worker's channel: JSON over HTTP to <c>/api/worker/...</c> with a bearer token. Server-side
/// refusals become the same exceptions the in-process channel throws (400 → <see cref="TrackingException"/>,
/// 409 → <see cref="JobLeaseLostException"/>, 401/403 → <see cref="UnauthorizedAccessException"/>); a 503 or 429
/// with <c>Retry-After</c> is a <see cref="ServerBusyException"/>, and an unreachable server or another 5xx an
/// <see cref="HttpRequestException"/>, both of which <see cref="RetryingWorkerChannel"/> retries.
/// </summary>
public sealed class HttpWorkerChannel : IWorkerChannel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient http;

    /// <param name="http">A client whose lifetime the caller owns.</param>
    /// <param name="server">The server's base URL, e.g. <c>http://dash:5000</c>.</param>
    /// <param name="token">A user or worker API token.</param>
    public HttpWorkerChannel(HttpClient http, Uri server, string token)
    {
        this.http = http;
        http.BaseAddress = new Uri(server.ToString().TrimEnd('/') + "/api/worker/");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task RegisterAsync(WorkerRegistration registration, CancellationToken ct) =>
        await PostAsync<object>("register", registration, null, ct);

    public async Task<bool> HeartbeatWorkerAsync(string workerId, CancellationToken ct) =>
        (await PostAsync<WorkerHeartbeatReply>("heartbeat", new WorkerRef(workerId), null, ct))!.Known;

    public Task<JobAssignment?> ClaimAsync(string workerId, CancellationToken ct) =>
        PostAsync<JobAssignment>("claim", new WorkerRef(workerId), null, ct);

    public async Task<LeaseState> HeartbeatJobAsync(JobLease lease, CancellationToken ct) =>
        (await PostAsync<HeartbeatReply>($"jobs/{lease.JobId}/heartbeat", new LeaseRef(lease.WorkerId, lease.Attempt), lease, ct))!.State;

    public async Task ReportMetricsAsync(JobLease lease, long sequence, IReadOnlyList<MetricPointInput> points, CancellationToken ct) =>
        await PostAsync<MetricsReply>($"jobs/{lease.JobId}/metrics", new MetricsReport(lease.WorkerId, lease.Attempt, sequence, points), lease, ct);

    public async Task ReportBoundaryAsync(JobLease lease, int task, long iteration, CancellationToken ct) =>
        await PostAsync<object>($"jobs/{lease.JobId}/boundaries", new BoundaryReport(lease.WorkerId, lease.Attempt, task, iteration), lease, ct);

    public async Task AppendLogAsync(JobLease lease, IReadOnlyList<LogLineInput> lines, CancellationToken ct) =>
        await PostAsync<object>($"jobs/{lease.JobId}/log", new LogReport(lease.WorkerId, lease.Attempt, lines), lease, ct);

    public async Task<bool> FinishAsync(JobLease lease, JobOutcome outcome, string? error, CancellationToken ct) =>
        (await PostAsync<FinishReply>($"jobs/{lease.JobId}/finish", new FinishReport(lease.WorkerId, lease.Attempt, outcome, error), lease, ct))!.Finished;

    private async Task<T?> PostAsync<T>(string path, object body, JobLease? lease, CancellationToken ct) where T : class
    {
        using var response = await http.PostAsJsonAsync(path, body, Json, ct);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NoContent:
                return null;
            case HttpStatusCode.Conflict when lease is not null:
                throw new JobLeaseLostException(lease.JobId, lease.Attempt);
            case HttpStatusCode.BadRequest:
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
                var field = problem.TryGetProperty("field", out var f) ? f.GetString() ?? "" : "";
                var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "bad request";
                throw new TrackingException(field, detail);
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                throw new UnauthorizedAccessException($"the server refused the worker token ({(int)response.StatusCode})");
        }
        // Back-pressure: the server says when it can take the call; without a Retry-After it is a plain failure.
        if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests
            && response.Headers.RetryAfter is { } retryAfter)
        {
            throw new ServerBusyException($"POST {path}: {(int)response.StatusCode} {response.ReasonPhrase}, Retry-After {retryAfter}",
                response.StatusCode, retryAfter);
        }
        // Anything else (5xx, a proxy's 502 while the server restarts) is worth retrying.
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"POST {path}: {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        if (typeof(T) == typeof(object)) return null;
        return await response.Content.ReadFromJsonAsync<T>(Json, ct);
    }
}
