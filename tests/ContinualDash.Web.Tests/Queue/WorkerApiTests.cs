using System.Net;
using ContinualDash.Core.Access;
using ContinualDash.Core.Queue;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using ContinualDash.Core.Workers;
using ContinualDash.Worker.Channels;
using Microsoft.EntityFrameworkCore;
using ContinualDash.Testing;

namespace ContinualDash.Web.Tests.Queue;

public sealed class WorkerApiTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Claim_WithoutToken_Returns401()
    {
        await using var factory = new QueueFactory();

        var response = await factory.CreateClient().PostAsync("/api/worker/claim", JsonContent("""{"workerId":"w"}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Claim_WithRunToken_Returns403()
    {
        await using var factory = new QueueFactory();
        var (_, runId) = await factory.EnqueueAsync(new CommandSpec(["true"]));
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await factory.CreateTokenAsync(ApiTokenKind.Run, runId));

        var response = await client.PostAsync("/api/worker/claim", JsonContent("""{"workerId":"w"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task HttpChannel_FullJob_ReportsStoredOnceAndFinishes(string provider)
    {
        await using var factory = new QueueFactory { Provider = provider };
        var (jobId, runId) = await factory.EnqueueAsync(new CommandSpec(["true"]), labels: ["gpu"]);
        var channel = new HttpWorkerChannel(factory.CreateClient(), new Uri("http://localhost"), await factory.CreateTokenAsync(ApiTokenKind.Worker));

        await channel.RegisterAsync(new WorkerRegistration("w1", "gpu box", ["gpu"], 1), None);
        var job = await channel.ClaimAsync("w1", None);
        var lease = new JobLease(jobId, "w1", job!.Attempt);
        await channel.ReportMetricsAsync(lease, 1, [new("accuracy", 0, 20, 0.7)], None);
        await channel.ReportMetricsAsync(lease, 0, [new("accuracy", 0, 10, 0.9)], None);
        await channel.ReportMetricsAsync(lease, 0, [new("accuracy", 0, 10, 0.9)], None);
        await channel.ReportBoundaryAsync(lease, 0, 20, None);
        await channel.AppendLogAsync(lease, [new(0, "stdout", "hello")], None);
        Assert.Equal(LeaseState.Held, await channel.HeartbeatJobAsync(lease, None));
        Assert.True(await channel.FinishAsync(lease, JobOutcome.Succeeded, null, None));

        Assert.Equal((jobId, runId, JobKind.Command), (job.JobId, job.RunId, job.Kind));
        Assert.NotNull(job.RunToken);
        Assert.Null(await channel.ClaimAsync("w1", None));
        await Assert.ThrowsAsync<JobLeaseLostException>(() => channel.ReportMetricsAsync(lease, 2, [new("accuracy", 0, 30, 1)], None));
        Assert.Equal(LeaseState.Lost, await channel.HeartbeatJobAsync(lease, None));
        await using var db = factory.CreateDbContext();
        Assert.Equal([10L, 20], (await StoredPoints.AllAsync(db)).Select(p => p.Iteration).Order());
        Assert.Equal(RunStatus.Succeeded, await db.Runs.Select(r => r.Status).SingleAsync());
        Assert.Equal("hello", await db.RunLogLines.Select(l => l.Text).SingleAsync());
    }

    [Fact]
    public async Task Metrics_BadPoint_Returns400NamingFieldAndStoresNothing()
    {
        await using var factory = new QueueFactory();
        var (jobId, _) = await factory.EnqueueAsync(new CommandSpec(["true"]));
        var channel = new HttpWorkerChannel(factory.CreateClient(), new Uri("http://localhost"), await factory.CreateTokenAsync());
        await channel.RegisterAsync(new WorkerRegistration("w1", "w", [], 1), None);
        var job = await channel.ClaimAsync("w1", None);

        var e = await Assert.ThrowsAsync<TrackingException>(() =>
            channel.ReportMetricsAsync(new JobLease(jobId, "w1", job!.Attempt), 0, [new("", 0, 1, 0.5)], None));

        Assert.Equal("points[0].name", e.Field);
        await using var db = factory.CreateDbContext();
        Assert.Equal(0, await StoredPoints.CountAsync(db));
    }

    [Fact]
    public async Task Register_BadLabel_Returns400NamingLabels()
    {
        await using var factory = new QueueFactory();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await factory.CreateTokenAsync());

        var response = await client.PostAsync("/api/worker/register",
            JsonContent("""{"id":"w","name":"w","labels":["has space?"],"slots":1}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"field\":\"labels\"", await response.Content.ReadAsStringAsync());
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
