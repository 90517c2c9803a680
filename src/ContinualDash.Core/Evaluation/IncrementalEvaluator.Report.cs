namespace ContinualDash.Core.Evaluation;

/// <summary>Assembles the S7 report from a settled state (no pending iteration row, known phases closed).</summary>
public sealed partial class IncrementalEvaluator
{
    private MetricsReport BuildReport()
    {
        var complete = _closed == _numTasks;
        var last = complete ? _boundaryRows[^1] : null;
        var warnings = new List<string>(_warnings);
        for (var i = 0; i < _closed; i++)
        {
            if (_windows[i].Count == 0)
                warnings.Add($"task {i} is never evaluated while seen; it is left out of the wf and wp means");
        }

        var perTask = Enumerable.Range(0, _numTasks).Select(i => TaskRow(i, complete)).ToArray();
        var fwtTerms = perTask.Where(p => p.Fwt.HasValue).Select(p => p.Fwt!.Value).ToArray();
        var intransigence = perTask.Where(p => p.Intransigence.HasValue).Select(p => p.Intransigence!.Value).ToArray();
        var (wf, wp, replica) = WindowMeans();
        var final = new FinalMetrics(
            last?.AvgAcc,
            complete ? PooledAccuracy(warnings) : null,
            last?.AvgForg,
            last?.AvgForgMax,
            last?.Bwt,
            fwtTerms.Length > 0 ? fwtTerms.Average() : null,
            fwtTerms.Length,
            last?.MinAcc,
            last?.WcAcc,
            wf,
            wp,
            replica,
            intransigence.Length > 0 ? intransigence.Average() : null);

        var gaps = new List<StabilityGap>(_gaps);
        if (!complete && _closed >= 1) AddGapRows(gaps, _closed, atBoundary: false);
        gaps.Sort((a, b) => a.Task != b.Task ? a.Task.CompareTo(b.Task) : a.DuringTask.CompareTo(b.DuringTask));

        return new MetricsReport(
            _numTasks, [.. _boundaries], _settings.Window, final, [.. _boundaryRows],
            _r, _rIterations, perTask, [.. _rows], gaps, warnings);
    }

    private TaskMetrics TaskRow(int i, bool complete)
    {
        var lastTask = _numTasks - 1;
        var forg = complete && i < lastTask ? Forgetting(i, lastTask, useMax: false) : null;
        var forgMax = complete && i < lastTask ? Forgetting(i, lastTask, useMax: true) : null;
        var baseline = At(_settings.RandomInitAccuracy, i) ?? _accAtZero[i];
        var fwt = i >= 1 ? _r[i - 1][i] - baseline : null;
        var intransigence = At(_settings.ReferenceAccuracy, i) - _r[i][i];
        int? minIteration = _minIteration[i] >= 0 ? _minIteration[i] : null;
        var window = _windows[i];
        var seen = window.Count > 0;
        return new TaskMetrics(
            i, (int)window.Count, minIteration.HasValue ? _min[i] : null, minIteration, forg, forgMax, -forg, fwt,
            seen ? window.Wf : null, seen ? window.Wp : null, seen ? window.WpCodeReplica : null, intransigence);
    }

    /// <summary>sum_i n_i R[T-1][i] / sum_i n_i (S3.1), when every task has a size and a final accuracy.</summary>
    private double? PooledAccuracy(List<string> warnings)
    {
        var sizes = _settings.EvalSetSizes;
        if (sizes is null) return null;
        double weighted = 0, total = 0;
        for (var i = 0; i < _numTasks; i++)
        {
            if (At(sizes, i) is not { } n)
            {
                warnings.Add($"avg_acc_pooled is null: eval_set_sizes has no size for task {i}");
                return null;
            }
            if (_r[^1][i] is not { } acc) return null;
            weighted += n * acc;
            total += n;
        }
        return weighted / total;
    }

    private static double? At(IReadOnlyList<double?>? values, int i) =>
        values is not null && i < values.Count ? values[i] : null;
}
