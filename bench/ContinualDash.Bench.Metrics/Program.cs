using System.Diagnostics;
using ContinualDash.Bench.Metrics;

// Usage: dotnet run -c Release --project bench/ContinualDash.Bench.Metrics [-- runs]
var runs = args.Length > 0 ? int.Parse(args[0]) : 11;
Console.WriteLine($"# Metrics engine and series reduction ({Environment.ProcessorCount} cores, .NET {Environment.Version})");
Console.WriteLine();
BatchBenchmark.Run(runs);
IncrementalBenchmark.Run(runs);
SeriesBenchmark.Run(runs);
Console.WriteLine($"peak working set of the whole benchmark process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB");
