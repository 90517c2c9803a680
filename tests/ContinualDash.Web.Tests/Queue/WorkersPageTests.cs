using System.Net;
using System.Text.RegularExpressions;
using ContinualDash.Core.Queue;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Workers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContinualDash.Web.Tests.Queue;

public sealed partial class WorkersPageTests
{
    [Fact]
    public async Task Workers_WithWorkerAndJobs_ShowsLabelsSlotsCurrentJobAndQueue()
    {
        await using var factory = new QueueFactory();
        var (running, _) = await factory.EnqueueAsync(new(["true"]), labels: ["gpu"]);
        var (queued, _) = await factory.EnqueueAsync(new(["true"]), labels: ["tpu"]);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var protocol = scope.ServiceProvider.GetRequiredService<WorkerProtocol>();
            await protocol.RegisterAsync(new WorkerRegistration("w1", "gpu-box-1", ["gpu"], 2), CancellationToken.None);
            await protocol.ClaimAsync("w1", CancellationToken.None);
        }

        var html = await factory.CreateClient().GetStringAsync("/workers");

        Assert.Contains("gpu-box-1", html);
        Assert.Contains("1 / 2", html);
        Assert.Contains($"#{running}", html);
        Assert.Contains($"#{queued}", html);
        Assert.Contains("1 of 2", html);
        Assert.Contains("alive", html);
        Assert.Contains($"workers/jobs/{queued}/cancel", html);
        Assert.Contains("href=\"workers\"", html);
    }

    [Fact]
    public async Task Workers_Empty_ExplainsHowToStartAWorker()
    {
        await using var factory = new QueueFactory();

        var html = await factory.CreateClient().GetStringAsync("/workers");

        Assert.Contains("continualdash worker --server", html);
        Assert.Contains("No queued or running jobs", html);
    }

    [Fact]
    public async Task CancelButton_QueuedJob_CancelsAndRedirects()
    {
        await using var factory = new QueueFactory();
        var (jobId, _) = await factory.EnqueueAsync(new(["true"]));
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var page = await client.GetStringAsync("/workers");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), page);

        var response = await client.PostAsync($"/workers/jobs/{jobId}/cancel",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = factory.CreateDbContext();
        Assert.Equal(RunStatus.Cancelled, await db.Jobs.Select(j => j.Status).SingleAsync());
    }

    [Fact]
    public async Task CancelButton_WithoutAntiforgeryToken_Refused()
    {
        await using var factory = new QueueFactory();
        var (jobId, _) = await factory.EnqueueAsync(new(["true"]));

        var response = await factory.CreateClient().PostAsync($"/workers/jobs/{jobId}/cancel", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = factory.CreateDbContext();
        Assert.Equal(RunStatus.Queued, await db.Jobs.Select(j => j.Status).SingleAsync());
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
