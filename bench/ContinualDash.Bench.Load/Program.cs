using ContinualDash.Bench.Load;

// Load bench (issues 6 and 14): see docs/PERFORMANCE.md, "Load". Exit 2 on bad arguments, 1 if anything was lost.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"load bench: {e.Message}");
    return 2;
}

Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
if (options.Baseline is not null) Console.WriteLine($"baseline: {options.Baseline}");
var results = new List<LoadResult>();
foreach (var provider in options.Providers)
{
    for (var round = 1; round <= options.Rounds; round++)
    {
        // Alternating builds, each on a fresh database and server, so the machine's load drifts over both.
        if (options.Baseline is not null) results.Add(await RunAsync(provider, round, "baseline", options.Baseline));
        results.Add(await RunAsync(provider, round, "current", null));
    }
}
if (options.Baseline is not null)
    foreach (var provider in options.Providers)
        SideBySide.Print(provider,
            [.. results.Where(r => r.Provider == provider && r.Build == "baseline")],
            [.. results.Where(r => r.Provider == provider && r.Build == "current")]);
return results.All(r => r.Ok) ? 0 : 1;

async Task<LoadResult> RunAsync(string provider, int round, string build, string? webDll)
{
    var result = await LoadRun.RunAsync(provider, options, build, webDll);
    var title = options.Baseline is null && options.Rounds == 1 ? provider : $"{provider}, round {round}, {build}";
    Console.WriteLine($"\n## {title}  (load average after: {File.ReadAllText("/proc/loadavg").Trim()})");
    foreach (var (label, value) in result.Lines()) Console.WriteLine($"{label,-24} {value}");
    return result;
}
