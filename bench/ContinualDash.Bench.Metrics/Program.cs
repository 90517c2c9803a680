using System.Diagnostics;
using ContinualDash.Bench.Metrics;

// Usage: dotnet run -c Release --project bench/ContinualDash.Bench.Metrics [-- RUNS [batch|incremental|series]]
var runs = args.Length > 0 ? int.Parse(args[0]) : 11;
var only = args.Length > 1 ? args[1] : null;
Console.WriteLine($"# Metrics engine and series reduction ({Environment.ProcessorCount} cores, .NET {Environment.Version})");
Console.WriteLine();
if (only is null or "batch") BatchBenchmark.Run(runs);
if (only is null or "incremental") IncrementalBenchmark.Run(runs);
if (only is null or "series") SeriesBenchmark.Run(runs);
Console.WriteLine($"peak working set of the whole benchmark process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");
