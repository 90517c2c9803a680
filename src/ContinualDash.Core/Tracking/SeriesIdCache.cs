using System.Collections.Concurrent;

namespace ContinualDash.Core.Tracking;

/// <summary>
/// The series ids of recently written runs, so that a batch whose series all exist needs no lookup query.
/// Safe to cache because a series id never changes and is never reused while its run exists (both providers
/// hand out increasing ids), and <see cref="MetricWriter"/> adds ids only after the transaction that created
/// them committed. One instance per database (a singleton of the host).
/// </summary>
public sealed class SeriesIdCache
{
    /// <summary>Runs kept; beyond it the cache starts over (a lookup per batch is the cost of a miss).</summary>
    public const int MaxRuns = 10_000;

    private readonly ConcurrentDictionary<long, IReadOnlyDictionary<(string, int), long>> runs = new();

    /// <summary>The run's known series when they include every key of <paramref name="wanted"/>.</summary>
    internal IReadOnlyDictionary<(string, int), long>? Covering(long runId, IEnumerable<(string, int)> wanted) =>
        runs.TryGetValue(runId, out var ids) && wanted.All(ids.ContainsKey) ? ids : null;

    /// <summary>Records the run's series as read in a committed transaction.</summary>
    internal void Set(long runId, IReadOnlyDictionary<(string, int), long> ids)
    {
        if (runs.Count >= MaxRuns) runs.Clear();
        runs[runId] = ids;
    }
}
