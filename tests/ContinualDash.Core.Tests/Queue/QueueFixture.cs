using ContinualDash.Core.Tracking;
using ContinualDash.Core.Data;
using ContinualDash.Core.LiveMetrics;
using ContinualDash.Core.Queue;
using ContinualDash.Testing;
using Microsoft.Extensions.Options;

namespace ContinualDash.Core.Tests.Queue;

/// <summary>A migrated test database with a manual clock, and queues on it (one context per queue).</summary>
internal sealed class QueueFixture : IAsyncDisposable
{
    private readonly List<DashDbContext> contexts = [];

    private QueueFixture(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }
    public ManualTimeProvider Clock { get; } = new();
    public IOptions<QueueOptions> Options { get; } = Microsoft.Extensions.Options.Options.Create(new QueueOptions { CommandWorkerLabel = "" });

    public static async Task<QueueFixture> CreateAsync(string? provider = null)
    {
        var fixture = new QueueFixture(provider is null ? TestDatabase.Create() : TestDatabase.Create(provider));
        await using var db = await fixture.Database.CreateMigratedContextAsync();
        return fixture;
    }

    /// <summary>Hears what the fixture's contexts commit, as the server's notifier does.</summary>
    public TrackingNotifier Notifier { get; } = new();

    public DashDbContext Context()
    {
        var db = Database.CreateContext(Notifier);
        contexts.Add(db);
        return db;
    }

    public JobQueue Queue(DashDbContext? db = null) =>
        new(db ?? Context(), Clock, Options, new RetryBackoff(Options, new Random(7)), Live);

    /// <summary>Shared by every queue of the fixture, as the host's singleton is.</summary>
    public LiveRunMetrics Live { get; } = new(TimeProvider.System);

    public static string Command(params string[] argv) => new CommandSpec(argv).ToJson();

    public async Task<long> EnqueueAsync(string? labels = null, int priority = 0, int? maxAttempts = null)
    {
        var (jobId, _) = await Queue().EnqueueAsync(
            new JobRequest(JobKind.Command, Command("true"), "r", priority, labels is null ? null : [labels], maxAttempts),
            CancellationToken.None);
        return jobId;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var db in contexts) await db.DisposeAsync();
        await Database.DisposeAsync();
    }
}
