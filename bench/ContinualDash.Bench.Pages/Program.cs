// Serves the runs list and the compare page from a database of 10,000 runs (SQLite file) and reports the
// server round trip per view: p50 and p95 over 50 requests after 5 warm-up requests.
// dotnet build src/ContinualDash.Web -c Release && dotnet run -c Release --project bench/ContinualDash.Bench.Pages [-- runs]
using System.Diagnostics;
using System.Globalization;
using ContinualDash.Core.Data;
using ContinualDash.Core.Evaluation;
using ContinualDash.Core.Runs;
using ContinualDash.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

var runCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var folder = Directory.CreateTempSubdirectory("cdash-bench-pages-").FullName;
var connection = $"Data Source={Path.Combine(folder, "bench.db")}";
try
{
    var options = new DbContextOptionsBuilder<DashDbContext>();
    DatabaseOptions.Configure(options, "Sqlite", connection);
    await using (var db = new DashDbContext(options.Options))
    {
        await DatabaseStartup.MigrateAsync(db, CancellationToken.None);
        var rng = new Random(42);
        string[] strategies = ["er", "finetune", "ewc", "lwf", "agem", "si"];
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < runCount; i++)
        {
            var strategy = strategies[i % strategies.Length];
            var lr = new[] { 0.1, 0.01, 0.001 }[rng.Next(3)];
            var run = new Run($"{strategy}-{i}", t0.AddMinutes(i))
            {
                Strategy = strategy, Benchmark = "split-fmnist", Seed = i % 5,
                ConfigJson = $$"""{"strategy":"{{strategy}}","lr":{{lr.ToString(CultureInfo.InvariantCulture)}},"batchSize":256,"seed":{{i % 5}}}""",
            };
            // Synthetic values through the one writer of the columns; the bench times the table, not the engine.
            var forgetting = rng.NextDouble();
            run.RecordFinalMetrics(new BoundaryMetrics(4, 1000, rng.NextDouble(), forgetting, forgetting, -forgetting, rng.NextDouble(), 4, rng.NextDouble()));
            if (i % 10 == 0) run.Tags.Add(new RunTag { Tag = "baseline" });
            db.Runs.Add(run);
            if (i % 1000 == 999) { await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
        }
        await db.SaveChangesAsync();
    }
    Console.WriteLine($"{runCount:N0} runs seeded; SQLite; server round trip in ms over 50 requests");
    await using var server = await ServerProcess.StartAsync("Sqlite", connection, ServerProcess.FreePort(),
    new Dictionary<string, string> { ["Auth:Mode"] = "none", ["Logging:LogLevel:Default"] = "Warning" });
    using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
    (string Name, string Path)[] views =
    [
        ("home (newest first)", "/"),
        ("sort by WC-ACC", "/?sort=wc_acc&dir=desc"),
        ("page 150", "/?page=150"),
        ("text filter", "/?q=ewc-99"),
        ("tag filter", "/?tag=baseline&sort=min_acc&dir=desc"),
        ("expression (columns)", "/?filter=" + Uri.EscapeDataString("strategy = er and final.wc_acc > 0.5")),
        ("expression (config key)", "/?filter=" + Uri.EscapeDataString("config.lr <= 0.01 and seed != 3")),
        ("compare 4 runs", "/compare?runs=1,2,3,4&metric=avg_acc"),
    ];
    Console.WriteLine($"{"view",-26} {"p50",8} {"p95",8}");
    foreach (var (name, path) in views)
    {
        for (var i = 0; i < 5; i++) (await http.GetAsync(path)).EnsureSuccessStatusCode();
        var times = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var sw = Stopwatch.StartNew();
            var response = await http.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            times.Add(sw.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }
        times.Sort();
        Console.WriteLine($"{name,-26} {times[24],8:F1} {times[(int)Math.Ceiling(0.95 * 50) - 1],8:F1}");
    }
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}
