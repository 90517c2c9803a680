using System.Net;
using System.Net.Http.Json;
using ContinualDash.Core.Access;
using ContinualDash.Core.Runs;
using ContinualDash.Testing.Datasets;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.Queue;

public sealed class BuiltinJobsApiTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("cdash-builtin-").FullName;

    private static object TinySpec(double learningRate = 0.05) => new
    {
        benchmark = "split-fmnist", tasks = 2, hiddenSizes = new[] { 8 }, batchSize = 10, epochsPerTask = 1,
        evalSubsetSize = 5, strategy = "er", memorySize = 20, replayBatchSize = 10, learningRate,
    };

    [Fact]
    public async Task Launch_BuiltinWithTwoSeeds_RunsBothThroughTheInProcessSlot()
    {
        SyntheticIdx.WriteDataset(data, trainPerClass: 12, testPerClass: 5);
        await using var factory = new QueueFactory { InProcessSlots = 1, DataDirectory = data };
        var client = await AuthorizedAsync(factory);

        var response = await client.PostAsJsonAsync("/api/jobs", new { kind = "builtin", name = "tiny er", spec = TinySpec(), seeds = new[] { 1, 2 } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            await using var db = factory.CreateDbContext();
            if (await db.Runs.CountAsync(r => r.FinishedAt != null) == 2) break;
            await Task.Delay(50, deadline.Token);
        }
        await using var check = factory.CreateDbContext();
        var experiment = await check.Experiments.AsNoTracking().SingleAsync();
        Assert.Equal("tiny er", experiment.Name);
        var runs = await check.Runs.AsNoTracking().OrderBy(r => r.Seed).ToListAsync();
        Assert.All(runs, r => Assert.Equal((RunStatus.Succeeded, experiment.Id, "er"), (r.Status, r.ExperimentId, r.Strategy)));
        Assert.Equal(["tiny er seed 1", "tiny er seed 2"], runs.Select(r => r.Name));
        Assert.Contains("\"seed\":2", runs[1].ConfigJson);
        Assert.Equal(4, await check.TaskPhases.CountAsync(p => p.BoundaryIteration != null));
    }

    [Fact]
    public async Task Launch_BuiltinBadLearningRate_Returns400NamingSpecFieldAndStoresNothing()
    {
        await using var factory = new QueueFactory();
        var client = await AuthorizedAsync(factory);

        var response = await client.PostAsJsonAsync("/api/jobs", new { kind = "builtin", spec = TinySpec(learningRate: -1), seeds = new[] { 1, 2 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"field\":\"spec.learningRate\"", await response.Content.ReadAsStringAsync());
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Runs.AnyAsync());
        Assert.False(await db.Experiments.AnyAsync());
    }

    [Fact]
    public async Task Launch_BuiltinRepeatedSeed_Returns400NamingSeeds()
    {
        await using var factory = new QueueFactory();
        var client = await AuthorizedAsync(factory);

        var response = await client.PostAsJsonAsync("/api/jobs", new { kind = "builtin", spec = TinySpec(), seeds = new[] { 1, 1 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"field\":\"seeds\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Launch_BuiltinBadLabel_Returns400AndStoresNoExperiment()
    {
        await using var factory = new QueueFactory();
        var client = await AuthorizedAsync(factory);

        var response = await client.PostAsJsonAsync("/api/jobs", new { kind = "builtin", spec = TinySpec(), seeds = new[] { 1, 2 }, labels = new[] { "bad label!" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"field\":\"labels\"", await response.Content.ReadAsStringAsync());
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Experiments.AnyAsync());
    }

    public void Dispose() => Directory.Delete(data, recursive: true);

    private static async Task<HttpClient> AuthorizedAsync(QueueFactory factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await factory.CreateTokenAsync(ApiTokenKind.User));
        return client;
    }
}
