using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContinualDash.Core.Access;
using ContinualDash.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.Faults;

/// <summary>The SQLite file locked by another process (SQLite only: PostgreSQL has no file lock to take).</summary>
public sealed class SqliteLockTests
{
    private const int BatchSize = 50;

    [Fact]
    public async Task LogMetrics_WhileAnotherProcessHoldsTheFileForSeconds_WaitsAndStoresEverythingWithoutError()
    {
        await using var app = new DashFactory { Provider = "Sqlite" };
        var logger = new HttpRunLogger(await ClientAsync(app), "locked-run");
        await logger.CreateAsync(CancellationToken.None);
        await logger.PostBatchAsync(0, BatchSize, CancellationToken.None);

        using var locker = await SqliteLocker.LockAsync(FileOf(app));
        var posting = Task.Run(async () =>
        {
            for (var i = 1; i <= 5; i++) await logger.PostBatchAsync(i, BatchSize, CancellationToken.None);
        });
        // The fault itself: the other process keeps the lock for three seconds, well inside the default 30 s wait.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(posting.IsCompleted, "a write went through while another process held the exclusive lock");
        await locker.ReleaseAsync();
        await posting;

        Assert.Equal(0, logger.FailedAttempts);
        await using var db = app.CreateDbContext();
        Assert.Equal(6 * BatchSize, await StoredPoints.CountAsync(db));
        Assert.Equal(6, await db.MetricBatches.CountAsync());
    }

    [Fact]
    public async Task LogMetrics_LockHeldLongerThanBusyTimeout_Returns503ProblemWithRetryAfterAndRetrySucceeds()
    {
        await using var app = new DashFactory { Provider = "Sqlite" };
        app.Settings["Database:SqliteBusyTimeout"] = "00:00:01";
        var client = await ClientAsync(app);
        var logger = new HttpRunLogger(client, "timeout-run");
        await logger.CreateAsync(CancellationToken.None);
        await logger.PostBatchAsync(0, BatchSize, CancellationToken.None);
        var batch = new { batch = "timeout-run-1", points = new[] { new { name = "accuracy", iteration = 9999, value = 0.5 } } };

        HttpResponseMessage refused;
        using (var locker = await SqliteLocker.LockAsync(FileOf(app)))
        {
            refused = await client.PostAsJsonAsync($"/api/runs/{logger.RunId}/metrics", batch);
            await locker.ReleaseAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("locked", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var retried = await client.PostAsJsonAsync($"/api/runs/{logger.RunId}/metrics", batch);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Equal(BatchSize + 1, await StoredPoints.CountAsync(db));
    }

    [Fact]
    public async Task LogMetrics_DiskBehindAndQueueFull_Returns503WithRetryAfterAndStoresTheBatchWhenSentAgain()
    {
        await using var app = new DashFactory { Provider = "Sqlite" };
        app.Settings["Ingest:MaxQueuedPoints"] = "60";
        var client = await ClientAsync(app);
        var logger = new HttpRunLogger(client, "busy-run");
        await logger.CreateAsync(CancellationToken.None);
        object Batch(string key, int from) => new { batch = key, points = Enumerable.Range(from, BatchSize).Select(i => new { name = "accuracy", task = 0, iteration = i, value = 0.5 }) };

        HttpResponseMessage refused;
        Task<HttpResponseMessage> waiting;
        // Another process holds the file: the first batch waits in its commit, the queue holds its 50 points.
        using (var locker = await SqliteLocker.LockAsync(FileOf(app)))
        {
            waiting = client.PostAsJsonAsync($"/api/runs/{logger.RunId}/metrics", Batch("b0", 0));
            while ((await client.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("ingest").GetProperty("queued").GetInt64() == 0)
                await Task.Delay(20);
            refused = await client.PostAsJsonAsync($"/api/runs/{logger.RunId}/metrics", Batch("b1", BatchSize));
            await locker.ReleaseAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await waiting).StatusCode);
        var sentAgain = await client.PostAsJsonAsync($"/api/runs/{logger.RunId}/metrics", Batch("b1", BatchSize));
        Assert.Equal(HttpStatusCode.OK, sentAgain.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Equal(Enumerable.Range(0, 2 * BatchSize).Select(i => (long)i),
            (await StoredPoints.AllAsync(db, logger.RunId)).Select(p => p.Iteration).Order());
    }

    private static async Task<HttpClient> ClientAsync(DashFactory app)
    {
        var client = app.CreateClient();
        await using var db = app.CreateDbContext();
        var (_, secret) = await new ApiTokenService(db, TimeProvider.System)
            .CreateAsync("lock", ApiTokenKind.User, null, null, CancellationToken.None);
        client.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        return client;
    }

    private static string FileOf(DashFactory app) => new SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource;
}
