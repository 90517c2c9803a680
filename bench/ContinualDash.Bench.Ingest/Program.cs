// Tracking API benchmark (docs/PERFORMANCE.md, "Tracking API"): ingest over loopback from this process into
// the server as a child process, against a raw one-transaction insert of the same rows, then event latency.
// dotnet run -c Release --project bench/ContinualDash.Bench.Ingest -- [--provider Sqlite|Postgres] [--pg CS] [--seconds 60]
using System.Diagnostics;
using ContinualDash.Bench.Ingest;
using ContinualDash.Core.Access;
using ContinualDash.Core.Data;
using ContinualDash.Core.Runs;
using ContinualDash.Core.Tracking;
using ContinualDash.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    return 2;
}

var folder = Directory.CreateTempSubdirectory("cdash-bench-").FullName;
var connection = options.Provider == "Sqlite"
    ? $"Data Source={Path.Combine(folder, "bench.db")}"
    : new NpgsqlConnectionStringBuilder(options.Postgres) { Database = "bench_" + Guid.NewGuid().ToString("N")[..8] }.ConnectionString;
DashDbContext OpenDb()
{
    var b = new DbContextOptionsBuilder<DashDbContext>();
    // The one-transaction COPY of millions of rows outlasts Npgsql's default 30 s timeout on a busy machine.
    DatabaseOptions.Configure(b, options.Provider,
        options.Provider == "Sqlite" ? connection : new NpgsqlConnectionStringBuilder(connection) { CommandTimeout = 900 }.ConnectionString);
    return new DashDbContext(b.Options);
}

if (options.Mode == "upgrade")
{
    try
    {
        Console.WriteLine($"upgrade provider={options.Provider} rows={options.LayoutRows} cores={Environment.ProcessorCount}");
        await UpgradeBench.RunAsync(OpenDb, options.LayoutRows);
        return 0;
    }
    finally
    {
        await CleanUpAsync();
    }
}

string token;
await using (var db = OpenDb())
{
    await DatabaseStartup.MigrateAsync(db, default);
    (_, token) = await new ApiTokenService(db, TimeProvider.System).CreateAsync("bench", ApiTokenKind.User, null, null, default);
}

if (options.Mode == "layouts")
{
    try
    {
        await using var db = OpenDb();
        await db.Database.OpenConnectionAsync();
        Console.WriteLine($"layouts provider={options.Provider} rows={options.LayoutRows} batch={options.BatchSize} repetitions={options.Repetitions} cores={Environment.ProcessorCount}");
        await LayoutBench.RunAsync(db.Database.GetDbConnection(), options.Provider == "Sqlite", options.LayoutRows, options.BatchSize, options.Repetitions);
        return 0;
    }
    finally
    {
        await CleanUpAsync();
    }
}

Console.WriteLine($"provider={options.Provider} seconds={options.Seconds} writers={options.Writers} batch={options.BatchSize} cores={Environment.ProcessorCount}");
try
{
    IngestBench.Result ingest;
    double[] latency;
    // On SQLite the ingest runs twice, back to back in this run: commits with synchronous=FULL (an fsync per
    // commit) and with NORMAL. Latency and series are measured on the second server.
    if (options.Provider == "Sqlite")
    {
        await using var full = await StartServerAsync("Full");
        using var fullHttp = new HttpClient { BaseAddress = new Uri(full.Url), Timeout = TimeSpan.FromMinutes(2) };
        fullHttp.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var fullIngest = await IngestBench.RunAsync(fullHttp, await IngestBench.CreateRunAsync(fullHttp, "ingest-full"),
            options.Writers, options.BatchSize, TimeSpan.FromSeconds(options.Seconds));
        Report("api ingest FULL  ", fullIngest);
    }
    await using (var server = await StartServerAsync("Normal"))
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var runId = await IngestBench.CreateRunAsync(http, "ingest");
        ingest = await IngestBench.RunAsync(http, runId, options.Writers, options.BatchSize, TimeSpan.FromSeconds(options.Seconds));
        Report(options.Provider == "Sqlite" ? "api ingest NORMAL" : "api ingest      ", ingest);

        using var reader = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = Timeout.InfiniteTimeSpan };
        latency = await LatencyBench.RunAsync(http, reader, await IngestBench.CreateRunAsync(http, "latency"), options.LatencySamples);
        Console.WriteLine(($"event latency   n={latency.Length} p50={Percentile(latency, 0.5):F1} ms p95={Percentile(latency, 0.95):F1} ms max={latency.Max():F1} ms"));

        // Series query: one series of 2 million points, stored directly, then read through the API.
        await using (var db = OpenDb())
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(15));
            var seriesRun = new Run("series", DateTime.UtcNow);
            seriesRun.Start(DateTime.UtcNow, null);
            db.Runs.Add(seriesRun);
            await db.SaveChangesAsync();
            await new MetricWriter(db, TimeProvider.System).WriteAsync(seriesRun.Id, null, 1, new GeneratedPoints(0, options.SeriesPoints, tasks: 1), default);
            var (fullFirst, full) = await SeriesBench.RunAsync(http, $"/api/runs/{seriesRun.Id}/series?name=accuracy&task=0&points=1000", options.SeriesSamples);
            var (_, zoom) = await SeriesBench.RunAsync(http, $"/api/runs/{seriesRun.Id}/series?name=accuracy&task=0&from=1000000&to=1000199&points=1000", options.SeriesSamples);
            Console.WriteLine(($"series full     points={options.SeriesPoints:N0} -> 1,000: first (fills the cache) {fullFirst:F1} ms; then n={full.Length} p50={Percentile(full, 0.5):F1} ms p95={Percentile(full, 0.95):F1} ms"));
            Console.WriteLine(($"series zoom     200-point window: n={zoom.Length} p50={Percentile(zoom, 0.5):F1} ms p95={Percentile(zoom, 0.95):F1} ms"));
            var seriesId = await db.MetricSeries.Where(s => s.RunId == seriesRun.Id).Select(s => s.Id).FirstAsync();
            var uncached = await UncachedSeriesRead.RunAsync(db, seriesId, 5);
            Console.WriteLine(($"series uncached read all + M4 in this process (the previous endpoint): n={uncached.Length} p50={Percentile(uncached, 0.5):F1} ms " +
                               $"p95={Percentile(uncached, 0.95):F1} ms; ratio p50 uncached/API = {Percentile(uncached, 0.5) / Percentile(full, 0.5):F0}x"));
        }
    }

    // The physical limit: the same points, in the same database, in one transaction through the same insert
    // path (MetricWriter's chunk rows), without HTTP, JSON or batching.
    await using (var db = OpenDb())
    {
        // One transaction of millions of rows outlasts the default 30 s command timeout on a busy machine.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(15));
        var run = new Run("raw", DateTime.UtcNow);
        run.Start(DateTime.UtcNow, null);
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        var rows = (int)Math.Min(ingest.Points, int.MaxValue);
        var clock = Stopwatch.StartNew();
        await new MetricWriter(db, TimeProvider.System).WriteAsync(run.Id, null, 1, new GeneratedPoints(0, rows), default);
        var raw = rows / clock.Elapsed.TotalSeconds;
        Console.WriteLine(($"raw insert      points={rows:N0} in {clock.Elapsed.TotalSeconds:F1} s = {raw:N0} points/s (one transaction)"));
        Console.WriteLine(($"ratio           api/raw = {ingest.PointsPerSecond / raw:F2}"));

        // The previous layout's limit, for scale: the same number of rows, one per point, in one transaction.
        await db.Database.OpenConnectionAsync();
        await LayoutBench.RunAsync(db.Database.GetDbConnection(), options.Provider == "Sqlite", rows, options.BatchSize, 1, ["row-per-point", "chunked"]);
    }
    return 0;
}
finally
{
    await CleanUpAsync();
}

// Loopback only, so the single-user mode is allowed: the event-stream readers need no sign-in.
Task<ServerProcess> StartServerAsync(string synchronous) =>
    ServerProcess.StartAsync(options.Provider, connection, ServerProcess.FreePort(), new Dictionary<string, string>
    {
        ["Auth:Mode"] = "none", ["Logging:LogLevel:Default"] = "Warning", ["Database:SqliteSynchronous"] = synchronous,
    });

async Task CleanUpAsync()
{
    if (options.Provider == "Sqlite")
    {
        SqliteConnection.ClearAllPools();
    }
    else
    {
        await using var db = OpenDb();
        NpgsqlConnection.ClearAllPools();
        await db.Database.EnsureDeletedAsync();
    }
    // Created for both providers (the SQLite file lives there), so removed for both.
    Directory.Delete(folder, recursive: true);
}

static void Report(string label, IngestBench.Result r) =>
    Console.WriteLine($"{label} points={r.Points:N0} in {r.Seconds:F1} s = {r.PointsPerSecond:N0} points/s; " +
                      $"batch p50={Percentile(r.BatchMs, 0.5):F1} ms p95={Percentile(r.BatchMs, 0.95):F1} ms");

static double Percentile(double[] values, double p)
{
    var sorted = values.Order().ToArray();
    return sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
}
