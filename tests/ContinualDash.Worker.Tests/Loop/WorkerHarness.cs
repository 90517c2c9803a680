using ContinualDash.Core.Data;
using ContinualDash.Core.Queue;
using ContinualDash.Core.Runs;
using System.Text.Json;
using ContinualDash.Testing;
using ContinualDash.Training.Experiments;
using ContinualDash.Worker.Channels;
using ContinualDash.Worker.Loop;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContinualDash.Worker.Tests.Loop;

/// <summary>A worker loop with in-process slots on a real, migrated SQLite database, running until disposed.</summary>
internal sealed class WorkerHarness : IAsyncDisposable
{
    private readonly TestDatabase database = TestDatabase.Create();
    private readonly ServiceProvider services;
    private readonly CancellationTokenSource stop = new();
    private Task? loop;

    public WorkerHarness()
    {
        var collection = new ServiceCollection();
        collection.AddDbContext<DashDbContext>(o => DatabaseOptions.Configure(o, database.Provider, database.ConnectionString));
        collection.AddJobQueue();
        // These workers run shell jobs without offering the command label (see JobQueueCommandLabelTests).
        collection.Configure<ContinualDash.Core.Queue.QueueOptions>(o => o.CommandWorkerLabel = "");
        services = collection.BuildServiceProvider();
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("cdash-worker-").FullName;

    /// <summary>Where builtin jobs read their IDX files: empty until a test writes a data set there.</summary>
    public string DataDirectory => Path.Combine(Folder, "data");

    public async Task StartAsync(params string[] labels)
    {
        await using (var db = await database.CreateMigratedContextAsync()) { }
        var options = new WorkerOptions
        {
            Id = "test-worker", Name = "test", Labels = labels, Slots = 1, InProcess = true, ServerUrl = "http://127.0.0.1:1",
            HeartbeatInterval = TimeSpan.FromMilliseconds(200), IdlePollInterval = TimeSpan.FromMilliseconds(50),
            DataDirectory = DataDirectory,
        };
        loop = new WorkerLoop(new InProcessWorkerChannel(services.GetRequiredService<IServiceScopeFactory>()), options,
            NullLogger.Instance, TimeProvider.System).RunAsync(stop.Token);
    }

    public async Task<long> EnqueueShellAsync(string script, int maxAttempts = 1, string[]? labels = null)
    {
        await using var scope = services.CreateAsyncScope();
        var (jobId, _) = await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAsync(new JobRequest(
            JobKind.Command, new CommandSpec(["/bin/sh", "-c", script], WorkingDirectory: Folder).ToJson(), "shell",
            Labels: labels, MaxAttempts: maxAttempts), CancellationToken.None);
        return jobId;
    }

    public async Task<long> EnqueueBuiltinAsync(ExperimentSpec spec)
    {
        await using var scope = services.CreateAsyncScope();
        var (jobId, _) = await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAsync(new JobRequest(
            JobKind.Builtin, JsonSerializer.Serialize(spec, new JsonSerializerOptions(JsonSerializerDefaults.Web)), "builtin", MaxAttempts: 1),
            CancellationToken.None);
        return jobId;
    }

    public async Task<T> QueryAsync<T>(Func<DashDbContext, Task<T>> query)
    {
        await using var db = database.CreateContext();
        return await query(db);
    }

    public async Task CancelAsync(long jobId)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<JobQueue>().CancelAsync(jobId, CancellationToken.None);
    }

    /// <summary>Waits (polling the database) until the condition holds; fails after 30 s so a hang cannot stall the run.</summary>
    public async Task WaitUntilAsync(Func<DashDbContext, Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await QueryAsync(condition))
        {
            if (loop is { IsFaulted: true }) await loop;
            await Task.Delay(50, deadline.Token);
        }
    }

    public Task WaitForJobStatusAsync(long jobId, params string[] statuses) =>
        WaitUntilAsync(db => db.Jobs.AnyAsync(j => j.Id == jobId && statuses.Contains(j.Status)));

    public static bool IsFinal(string status) => RunStatus.IsFinal(status);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (loop is not null) await loop;
        await services.DisposeAsync();
        await database.DisposeAsync();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        stop.Dispose();
    }
}
