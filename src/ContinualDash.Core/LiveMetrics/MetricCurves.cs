using ContinualDash.Core.Evaluation;
using ContinualDash.Core.Series;

namespace ContinualDash.Core.LiveMetrics;

/// <summary>
/// The per-iteration metrics of a long log as chart curves of bounded size: each metric reduced by M4 (every
/// bucket keeps its first, last, minimum and maximum point), as the accuracy series are, so a one-iteration
/// dip of min-ACC or WC-ACC survives any length. Rows where a metric is null are left out of its curve.
/// </summary>
public static class MetricCurves
{
    /// <summary>The curves' names, as the S7 <c>per_iteration</c> keys.</summary>
    public static readonly IReadOnlyList<string> Names = ["avg_acc_seen", "forg", "bwt", "min_acc", "wc_acc", "wf", "wp"];

    /// <summary>Each metric of <paramref name="rows"/> as (iterations, values), at most about 4 x <paramref name="buckets"/> points.</summary>
    public static Dictionary<string, SeriesPoint[]> Reduce(IReadOnlyList<IterationMetrics> rows, int count, int buckets)
    {
        var curves = new Dictionary<string, SeriesPoint[]>(Names.Count);
        if (count == 0)
        {
            foreach (var name in Names) curves[name] = [];
            return curves;
        }
        var xs = new double[count];
        var ys = new double[count];
        foreach (var name in Names)
        {
            var n = 0;
            for (var j = 0; j < count; j++)
            {
                if (Value(rows[j], name) is not { } y) continue;
                xs[n] = rows[j].Iteration;
                ys[n++] = y;
            }
            curves[name] = n <= 4 * buckets
                ? [.. Enumerable.Range(0, n).Select(j => new SeriesPoint(xs[j], ys[j]))]
                : SeriesReduction.M4(xs.AsSpan(0, n), ys.AsSpan(0, n), rows[0].Iteration, rows[count - 1].Iteration, buckets);
        }
        return curves;
    }

    private static double? Value(IterationMetrics row, string name) => name switch
    {
        "avg_acc_seen" => row.AvgAccSeen,
        "forg" => row.Forg,
        "bwt" => row.Bwt,
        "min_acc" => row.MinAcc,
        "wc_acc" => row.WcAcc,
        "wf" => row.Wf,
        _ => row.Wp,
    };
}
