using ContinualDash.Bench.Load;

// Load bench (issue 6): see docs/PERFORMANCE.md, "Load". Exit 2 on bad arguments, 1 if anything was lost.
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
var results = new List<LoadResult>();
foreach (var provider in options.Providers)
{
    var result = await LoadRun.RunAsync(provider, options);
    results.Add(result);
    Console.WriteLine($"\n## {provider}  (load average after: {File.ReadAllText("/proc/loadavg").Trim()})");
    foreach (var (label, value) in result.Lines()) Console.WriteLine($"{label,-24} {value}");
}
return results.All(r => r.Ok) ? 0 : 1;
