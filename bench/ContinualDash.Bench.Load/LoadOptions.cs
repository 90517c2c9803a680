using System.Globalization;

namespace ContinualDash.Bench.Load;

/// <summary>Command-line options: <c>--seconds 60 --loggers 50 --subscribers 20 --batch 100
/// --providers Sqlite,Postgres --pg CONNECTION --baseline PATH --rounds 2</c> (PostgreSQL uses <c>--pg</c> or
/// <c>TEST_PG</c>). <c>--baseline</c> is another build's <c>ContinualDash.Web.dll</c>; with it each provider
/// runs <c>--rounds</c> (default 2) alternating baseline and current rounds, without it <c>--rounds</c>
/// (default 1) current ones.</summary>
internal sealed record LoadOptions(
    int Seconds, int Loggers, int Subscribers, int BatchSize, IReadOnlyList<string> Providers, string? Baseline, int Rounds)
{
    public static LoadOptions Parse(string[] args)
    {
        if (args.Length % 2 == 1) throw new ArgumentException($"'{args[^1]}' needs a value");
        var map = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected '{args[i]}'");
            map[args[i][2..]] = args[i + 1];
        }
        if (map.TryGetValue("pg", out var pg)) Environment.SetEnvironmentVariable("TEST_PG", pg);
        var providers = map.GetValueOrDefault("providers", "Sqlite,Postgres").Split(',', StringSplitOptions.TrimEntries);
        foreach (var p in providers)
            if (p is not ("Sqlite" or "Postgres")) throw new ArgumentException($"--providers: '{p}' is not Sqlite or Postgres");
        if (providers.Contains("Postgres") && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TEST_PG")))
            throw new ArgumentException("--providers Postgres needs --pg CONNECTION or TEST_PG (eval \"$(scripts/pg-start.sh)\")");
        var baseline = map.GetValueOrDefault("baseline");
        if (baseline is not null)
        {
            baseline = Path.GetFullPath(baseline);
            if (!File.Exists(baseline) || !baseline.EndsWith(".dll", StringComparison.Ordinal))
                throw new ArgumentException($"--baseline: {baseline} is not a built ContinualDash.Web.dll");
        }
        var options = new LoadOptions(Int("seconds", 60), Int("loggers", 50), Int("subscribers", 20), Int("batch", 100),
            providers, baseline, Int("rounds", baseline is null ? 1 : 2));
        if (options.Seconds < 1 || options.Loggers < 1 || options.Subscribers < 0 || options.BatchSize is < 1 or > 10_000)
            throw new ArgumentException("--seconds and --loggers must be >= 1, --subscribers >= 0, --batch 1..10000");
        if (options.Rounds < 1) throw new ArgumentException("--rounds must be >= 1");
        return options;

        int Int(string key, int fallback) =>
            !map.TryGetValue(key, out var v) ? fallback
            : int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new ArgumentException($"--{key} must be a whole number, not '{v}'");
    }
}
