using System.Collections.Concurrent;
using System.Globalization;
using ContinualDash.Core.Queue;
using ContinualDash.Worker.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static ContinualDash.Worker.Channels.WorkerWire;

namespace ContinualDash.Worker.Tests.Channels;

/// <summary>The HTTP channel against a real server (Kestrel on a loopback port) that answers back-pressure.</summary>
public sealed class HttpWorkerChannelTests
{
    private static readonly JobLease Lease = new(4, "w", 2);

    [Theory]
    [InlineData(503, false)]
    [InlineData(429, true)]
    public async Task ReportMetricsAsync_BusyWithRetryAfter_WaitsAsAskedAndResendsSameBatch(int status, bool asDate)
    {
        var time = new InstantDelayTimeProvider();
        var received = new ConcurrentQueue<MetricsReport>();
        await using var server = await StartAsync(async (HttpContext context) =>
        {
            var report = (await context.Request.ReadFromJsonAsync<MetricsReport>())!;
            received.Enqueue(report);
            if (received.Count > 1) return Results.Ok(new MetricsReply(report.Points.Count, false));
            context.Response.Headers.RetryAfter = asDate
                ? time.GetUtcNow().AddSeconds(12).ToString("R", CultureInfo.InvariantCulture)
                : "12";
            return Results.StatusCode(status);
        });
        using var http = new HttpClient();
        var channel = new RetryingWorkerChannel(new HttpWorkerChannel(http, new Uri(server.Urls.First()), "t"), NullLogger.Instance, time);

        await channel.ReportMetricsAsync(Lease, 5, [new("accuracy", 0, 10, 0.5), new("accuracy", 1, 10, 0.25)], CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(12)], time.Delays);
        Assert.Equal([(5L, 2), (5L, 2)], received.Select(r => (r.Sequence, r.Points.Count)));
    }

    [Fact]
    public async Task ReportMetricsAsync_ServiceUnavailableWithoutRetryAfter_IsAPlainRetryableFailure()
    {
        await using var server = await StartAsync(() => Results.StatusCode(503));
        using var http = new HttpClient();
        var channel = new HttpWorkerChannel(http, new Uri(server.Urls.First()), "t");

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => channel.ReportMetricsAsync(Lease, 0, [], CancellationToken.None));

        Assert.IsNotType<ServerBusyException>(e);
    }

    private static async Task<WebApplication> StartAsync(Delegate metrics)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/api/worker/jobs/{id}/metrics", metrics);
        await app.StartAsync();
        return app;
    }
}
