using System.Collections;
using ContinualDash.Core.Tracking;

namespace ContinualDash.Bench.Ingest;

/// <summary>
/// The benchmark's rows, computed on demand: point i is <c>accuracy</c> of task i % tasks at iteration
/// <c>first + i / tasks</c>. Millions of rows without holding them in memory, for the one-transaction insert.
/// </summary>
internal sealed class GeneratedPoints(long first, int count, int tasks = GeneratedPoints.Tasks) : IReadOnlyList<MetricPointInput>
{
    public const int Tasks = 5;

    public int Count => count;

    public MetricPointInput this[int index] =>
        new("accuracy", index % tasks, first + index / tasks, 0.5 + 0.4 * Math.Sin(index * 1e-3), 1_700_000_000_000 + index);

    public IEnumerator<MetricPointInput> GetEnumerator()
    {
        for (var i = 0; i < count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
