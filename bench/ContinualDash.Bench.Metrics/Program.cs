using System.Diagnostics;
using ContinualDash.Bench.Metrics;

// Usage: dotnet run -c Release --project bench/ContinualDash.Bench.Metrics [-- RUNS [batch|incremental|series]]
//        dotnet run -c Release --project bench/ContinualDash.Bench.Metrics -- live [--points N --viewers N ...] (LiveOptions)
var title = args is ["live", ..] ? "Live metrics" : "Metrics engine and series reduction";
Console.WriteLine($"# {title} ({Environment.ProcessorCount} cores, .NET {Environment.Version})");
Console.WriteLine();
if (args is ["live", .. var liveArgs])
{
    LiveOptions options;
    try
    {
        options = LiveOptions.Parse(liveArgs);
    }
    catch (Exception e) when (e is ArgumentException or FormatException)
    {
        Console.Error.WriteLine($"bench: {e.Message}");
        return 2;
    }
    await LiveBenchmark.RunAsync(options, CancellationToken.None);
}
else
{
    var runs = args.Length > 0 ? int.Parse(args[0]) : 11;
    var only = args.Length > 1 ? args[1] : null;
    if (only is null or "batch") BatchBenchmark.Run(runs);
    if (only is null or "incremental") IncrementalBenchmark.Run(runs);
    if (only is null or "series") SeriesBenchmark.Run(runs);
}
Console.WriteLine($"peak working set of the whole benchmark process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");
return 0;
