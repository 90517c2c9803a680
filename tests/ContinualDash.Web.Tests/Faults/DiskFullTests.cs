using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContinualDash.Testing;
using Microsoft.Data.Sqlite;

namespace ContinualDash.Web.Tests.Faults;

/// <summary>The SQLite database on a disk that fills up while a run logs (a real server process on a 3 MB tmpfs).</summary>
public sealed class DiskFullTests
{
    private const int BatchSize = 2000;

    [Fact]
    public async Task LogMetrics_UntilTheDiskIsFull_Returns507KeepsEarlierDataIntactServesReadsAndRecoversWhenSpaceIsFreed()
    {
        using var disk = TinyDisk.Mount(3 * 1024);
        var filler = disk.Fill(512);
        await using var database = TestDatabase.SqliteIn(disk.Path);
        var token = await FaultServer.CreateTokenAsync(database);
        await using var server = await ServerProcess.StartAsync(database, ServerProcess.FreePort());
        using var http = FaultServer.Client(server.Url, token);
        var logger = new HttpRunLogger(http, "full-disk");
        await logger.CreateAsync(CancellationToken.None);

        // Log until the disk refuses; every earlier batch was acknowledged.
        HttpResponseMessage? full = null;
        object? refusedBatch = null;
        for (var i = 0; i < 500 && full is null; i++)
        {
            refusedBatch = Batch(i);
            var answer = await http.PostAsJsonAsync($"/api/runs/{logger.RunId}/metrics", refusedBatch);
            if (answer.StatusCode == HttpStatusCode.OK) continue;
            Assert.Equal(HttpStatusCode.InsufficientStorage, answer.StatusCode);
            full = answer;
            Assert.True(i > 0, "the disk was full before the first batch: make it larger");
            await AssertStoredAsync(database, i * BatchSize);
        }
        Assert.NotNull(full);
        Assert.Equal("application/problem+json", full.Content.Headers.ContentType?.MediaType);
        Assert.Contains("out of disk space", (await full.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Contains("Database full", server.Output);

        // Reads keep working on the full disk.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/runs/{logger.RunId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        // Space comes back: the refused batch goes through on retry, exactly once.
        File.Delete(filler);
        var stored = await AcknowledgedAsync(database);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync($"/api/runs/{logger.RunId}/metrics", refusedBatch)).StatusCode);
        await AssertStoredAsync(database, stored + BatchSize);
    }

    private static object Batch(int index) => new
    {
        batch = $"full-{index}",
        points = Enumerable.Range(0, BatchSize).Select(k => new { name = "accuracy", task = 0, iteration = (long)index * BatchSize + k, value = k / 2000.0 }),
    };

    private static async Task<long> AcknowledgedAsync(TestDatabase database)
    {
        await using var connection = new SqliteConnection(database.ConnectionString + ";Mode=ReadOnly");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COALESCE(SUM(Count), 0) FROM MetricChunks";
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>The file passes SQLite's integrity check and holds exactly the acknowledged points.</summary>
    private static async Task AssertStoredAsync(TestDatabase database, long points)
    {
        await using var connection = new SqliteConnection(database.ConnectionString + ";Mode=ReadOnly");
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await check.ExecuteScalarAsync());
        Assert.Equal(points, await AcknowledgedAsync(database));
    }
}
