using ContinualDash.Core.Runs;

namespace ContinualDash.Web.Compare;

/// <summary>What the compare page shows: the chosen runs (for the final-metrics table) and the chart's traces.</summary>
public sealed record CompareView(IReadOnlyList<Run> Runs, IReadOnlyList<CompareTrace> Traces, IReadOnlyList<long> Missing);
