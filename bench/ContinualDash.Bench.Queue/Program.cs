using System.Globalization;
using ContinualDash.Bench.Queue;

// Usage: dotnet run -c Release --project bench/ContinualDash.Bench.Queue [-- --jobs 500 --rounds 3]
// PostgreSQL is measured when TEST_PG holds a server connection string (eval "$(scripts/pg-start.sh)").
var jobs = Arg("--jobs", 500);
var rounds = Arg("--rounds", 3);
var postgres = Environment.GetEnvironmentVariable("TEST_PG");
string[] providers = string.IsNullOrEmpty(postgres) ? ["Sqlite"] : ["Sqlite", "Postgres"];
string[] claimProviders = [BenchDatabase.NoBusyTimeout, .. providers];
var culture = CultureInfo.InvariantCulture;

Console.WriteLine($"Claim throughput, {jobs} jobs, median of {rounds} rounds (jobs/s)");
Console.WriteLine("provider                 1 claimer   8 claimers   8 claimers, claim+finish");
foreach (var provider in claimProviders)
{
    var single = new List<double>();
    var claimOnly = new List<double>();
    var claimFinish = new List<double>();
    for (var r = 0; r < rounds; r++)
    {
        single.Add(await ClaimThroughput.MeasureAsync(provider, postgres, jobs, 1, finish: false));
        claimOnly.Add(await ClaimThroughput.MeasureAsync(provider, postgres, jobs, 8, finish: false));
        claimFinish.Add(await ClaimThroughput.MeasureAsync(provider, postgres, jobs, 8, finish: true));
    }
    Console.WriteLine(string.Format(culture, "{0,-24} {1,9:F0} {2,12:F0} {3,26:F0}", provider, Median(single), Median(claimOnly), Median(claimFinish)));
}

Console.WriteLine();
Console.WriteLine("Enqueue-to-start latency, one idle worker, 20 jobs (ms)");
Console.WriteLine("provider   poll     median      p95      max");
foreach (var provider in providers)
{
    foreach (var poll in new[] { 250, 50 })
    {
        var l = await StartLatency.MeasureAsync(provider, postgres, TimeSpan.FromMilliseconds(poll), 20);
        l.Sort();
        Console.WriteLine(string.Format(culture, "{0,-10} {1,4} ms {2,8:F0} {3,8:F0} {4,8:F0}", provider, poll, Median(l), l[(int)Math.Ceiling(0.95 * l.Count) - 1], l[^1]));
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
