using System.Net;
using System.Net.Http.Json;
using ContinualDash.Core.Access;
using ContinualDash.Core.Runs;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.Queue;

public sealed class JobsApiTests
{
    [Fact]
    public async Task Launch_CommandJob_Returns201AndQueuesIt()
    {
        await using var factory = MembersLaunchCommands();
        var client = await AuthorizedAsync(factory, ApiTokenKind.User);

        var response = await client.PostAsJsonAsync("/api/jobs", new
        {
            command = new { argv = new[] { "python3", "train.py" }, env = new Dictionary<string, string> { ["SEED"] = "1" } },
            name = "er-seed-1", labels = new[] { "gpu" }, priority = 3,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var db = factory.CreateDbContext();
        var job = await db.Jobs.AsNoTracking().SingleAsync();
        Assert.Equal((RunStatus.Queued, "gpu", 3), (job.Status, job.Labels, job.Priority));
        Assert.Equal("er-seed-1", await db.Runs.Select(r => r.Name).SingleAsync());
    }

    [Fact]
    public async Task Launch_EmptyArgv_Returns400NamingField()
    {
        await using var factory = MembersLaunchCommands();
        var client = await AuthorizedAsync(factory, ApiTokenKind.User);

        var response = await client.PostAsJsonAsync("/api/jobs", new { command = new { argv = Array.Empty<string>() } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"field\":\"payload.argv\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Launch_WithWorkerToken_Returns403()
    {
        await using var factory = new QueueFactory();
        var client = await AuthorizedAsync(factory, ApiTokenKind.Worker);

        var response = await client.PostAsJsonAsync("/api/jobs", new { command = new { argv = new[] { "true" } } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Cancel_QueuedJob_CancelsIt()
    {
        await using var factory = new QueueFactory();
        var (jobId, _) = await factory.EnqueueAsync(new(["true"]));
        var client = await AuthorizedAsync(factory, ApiTokenKind.User);

        var response = await client.PostAsync($"/api/jobs/{jobId}/cancel", null);

        Assert.Contains("Cancelled", await response.Content.ReadAsStringAsync());
        await using var db = factory.CreateDbContext();
        Assert.Equal(RunStatus.Cancelled, await db.Runs.Select(r => r.Status).SingleAsync());
    }

    private static async Task<HttpClient> AuthorizedAsync(QueueFactory factory, string kind)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await factory.CreateTokenAsync(kind));
        return client;
    }

    // A user token without an owner acts as a member, and by default only admins launch command jobs.
    private static QueueFactory MembersLaunchCommands() => new() { Settings = { ["Access:CommandJobRoles:0"] = UserRole.Member } };
}
