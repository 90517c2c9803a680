namespace ContinualDash.Bench.Ingest;

/// <summary>Command-line options: <c>--provider Sqlite|Postgres --pg CONNECTION --seconds 60 --writers 2 --batch 5000
/// --latency-samples 200 --series-points 2000000 --series-samples 20</c>; <c>--mode layouts --layout-rows 2000000
/// --repetitions 3</c> runs only the layout comparison (<see cref="LayoutBench"/>); <c>--mode upgrade --layout-rows N</c>
/// times the start-up conversion of N row-per-point points (<see cref="UpgradeBench"/>).</summary>
internal sealed record BenchOptions(
    string Provider, string? Postgres, int Seconds, int Writers, int BatchSize, int LatencySamples, int SeriesPoints, int SeriesSamples,
    string Mode, int LayoutRows, int Repetitions)
{
    public static BenchOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected '{args[i]}'");
            map[args[i][2..]] = args[i + 1];
        }
        if (args.Length % 2 == 1) throw new ArgumentException($"'{args[^1]}' needs a value");
        var provider = map.GetValueOrDefault("provider", "Sqlite");
        if (provider is not ("Sqlite" or "Postgres")) throw new ArgumentException("--provider must be Sqlite or Postgres");
        var pg = map.GetValueOrDefault("pg") ?? Environment.GetEnvironmentVariable("TEST_PG");
        if (provider == "Postgres" && pg is null) throw new ArgumentException("--provider Postgres needs --pg CONNECTION or TEST_PG");
        var mode = map.GetValueOrDefault("mode", "api");
        if (mode is not ("api" or "layouts" or "upgrade")) throw new ArgumentException("--mode must be api, layouts or upgrade");
        return new BenchOptions(provider, pg, Int("seconds", 60), Int("writers", 2), Int("batch", 5000), Int("latency-samples", 200),
            Int("series-points", 2_000_000), Int("series-samples", 20), mode, Int("layout-rows", 2_000_000), Int("repetitions", 3));

        int Int(string key, int fallback) =>
            map.TryGetValue(key, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
