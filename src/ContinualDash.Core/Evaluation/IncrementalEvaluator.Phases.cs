namespace ContinualDash.Core.Evaluation;

/// <summary>State updates: one evaluation, the end of an iteration, the end of a task phase.</summary>
public sealed partial class IncrementalEvaluator
{
    /// <summary>Updates every running quantity that one evaluation of an iteration touches, in O(1) amortised.</summary>
    private void Record(int t, int task, double acc)
    {
        _stamp[task] = t;
        _latest[task] = acc;
        if (t == 0) _accAtZero[task] = acc;
        var current = _closed;
        if (task > current) return; // a future task: only for R and FWT (S1)

        _windows[task].Add(acc);
        if (task == current) return;

        // S3.5: the minimum of a previous task runs over every evaluation after its own phase.
        if (_minIteration[task] < 0 || acc < _min[task])
        {
            _min[task] = acc;
            _minIteration[task] = t;
        }
        // S3.10: the gap of this task during the current phase; a new minimum restarts the recovery search.
        if (_gapMinIteration[task] < 0 || acc < _gapMin[task])
        {
            _gapMin[task] = acc;
            _gapMinIteration[task] = t;
            _gapRecovery[task] = -1;
        }
        else if (_gapRecovery[task] < 0 && _r[current - 1][task] is { } previous && acc >= previous)
        {
            _gapRecovery[task] = t;
        }
    }

    /// <summary>Appends the per-iteration row of the last evaluated iteration, once all its evaluations are in.</summary>
    private void FlushIterationRow()
    {
        var t = _lastIteration;
        var k = _closed;
        double seenSum = 0;
        var seenCount = 0;
        for (var i = 0; i <= k; i++)
        {
            if (_stamp[i] != t) continue;
            seenSum += _latest[i];
            seenCount++;
        }
        double? forg = null;
        if (k >= 1)
        {
            double sum = 0;
            var complete = true;
            for (var i = 0; i < k && complete; i++)
            {
                complete = _stamp[i] == t && _r[i][i].HasValue;
                if (complete) sum += _r[i][i]!.Value - _latest[i];
            }
            if (complete) forg = sum / k;
        }
        var (minAcc, minTasks, minSum) = MinimumState(k);
        double? wc = _stamp[k] == t ? (_latest[k] + minSum) / (1 + minTasks) : null;
        var (wf, wp, _) = WindowMeans();
        _rows.Add(new IterationMetrics(
            t, k, seenCount > 0 ? seenSum / seenCount : null, forg, -forg, minAcc, minTasks, wc, wf, wp));
        _rowPending = false;
    }

    /// <summary>Ends phase k = <see cref="_closed"/>: its R row, boundary row and stability-gap rows.</summary>
    private void ClosePhase()
    {
        var k = _closed;
        var boundary = _boundaries[k];
        var start = PhaseStart(k);
        for (var i = 0; i < _numTasks; i++)
        {
            if (_stamp[i] > start)
            {
                _r[k][i] = _latest[i];
                _rIterations[k][i] = _stamp[i];
                if (_stamp[i] != boundary)
                    _warnings.Add($"R[{k}][{i}] is taken from iteration {_stamp[i]}: task {i} was not evaluated at the boundary b_{k} = {boundary}");
            }
            else if (i <= k)
            {
                _warnings.Add($"R[{k}][{i}] is missing: task {i} has no evaluation in iterations {start + 1}..{boundary}; values at boundary {k} that need it are null");
            }
        }

        var (minAcc, minTasks, minSum) = MinimumState(k);
        var avgAcc = StrictMean(k + 1, i => _r[k][i]);
        var forg = k >= 1 ? StrictMean(k, i => Forgetting(i, k, useMax: false)) : null;
        var forgMax = k >= 1 ? StrictMean(k, i => Forgetting(i, k, useMax: true)) : null;
        double? wc = _r[k][k] is { } own ? (own + minSum) / (1 + minTasks) : null;
        _boundaryRows.Add(new BoundaryMetrics(k, boundary, avgAcc, forg, forgMax, -forg, minAcc, minTasks, wc));

        AddGapRows(_gaps, k, atBoundary: true);
        Array.Fill(_gapMinIteration, -1);
        Array.Fill(_gapRecovery, -1);
        _closed++;
    }

    private int PhaseStart(int k) => k == 0 ? -1 : _boundaries[k - 1];

    /// <summary>min-ACC over the previous tasks of phase k that have a minimum (S3.5): mean, count and sum.</summary>
    private (double? Mean, int Count, double Sum) MinimumState(int k)
    {
        double sum = 0;
        var count = 0;
        for (var i = 0; i < k; i++)
        {
            if (_minIteration[i] < 0) continue;
            sum += _min[i];
            count++;
        }
        return (count > 0 ? sum / count : null, count, sum);
    }

    /// <summary>Means of the running WF, WP and WP replica over the tasks evaluated while seen (S3.7).</summary>
    private (double? Wf, double? Wp, double? WpCodeReplica) WindowMeans()
    {
        double wf = 0, wp = 0, replica = 0;
        var count = 0;
        foreach (var window in _windows)
        {
            if (window.Count == 0) continue;
            wf += window.Wf;
            wp += window.Wp;
            replica += window.WpCodeReplica;
            count++;
        }
        return count == 0 ? (null, null, null) : (wf / count, wp / count, replica / count);
    }

    /// <summary>
    /// f_i^k of S3.2: R[i][i] - R[k][i] ("first vs last"), or with useMax the maximum over rows 0..k-1
    /// ([CH]); rows before i count when present, rows i..k-1 and R[k][i] are required.
    /// </summary>
    private double? Forgetting(int i, int k, bool useMax)
    {
        if (_r[k][i] is not { } last || _r[i][i] is not { } first) return null;
        if (!useMax) return first - last;
        var best = double.NegativeInfinity;
        for (var l = 0; l < k; l++)
        {
            if (_r[l][i] is { } value) best = Math.Max(best, value);
            else if (l >= i) return null;
        }
        return best - last;
    }

    /// <summary>
    /// The S3.10 rows of every previous task during phase k that has at least one evaluation in that phase
    /// (S7: no evaluation, no row). An open phase has no boundary yet, so its rows have no R[k][i].
    /// </summary>
    private void AddGapRows(List<StabilityGap> rows, int k, bool atBoundary)
    {
        for (var i = 0; i < k; i++)
        {
            if (_gapMinIteration[i] >= 0) rows.Add(GapRow(i, k, atBoundary ? _r[k][i] : null));
        }
    }

    private StabilityGap GapRow(int i, int k, double? accAtBoundary)
    {
        var previous = _r[k - 1][i];
        int? minIteration = _gapMinIteration[i] >= 0 ? _gapMinIteration[i] : null;
        double? min = minIteration.HasValue ? _gapMin[i] : null;
        var depth = previous - min;
        int? recovery = depth > 0 && _gapRecovery[i] >= 0 ? _gapRecovery[i] : null;
        return new StabilityGap(i, k, previous, min, minIteration, depth, accAtBoundary, accAtBoundary - min, recovery);
    }

    /// <summary>Mean of count values, or null if any is null (the strict means of S3.1-S3.3).</summary>
    private static double? StrictMean(int count, Func<int, double?> value)
    {
        double sum = 0;
        for (var i = 0; i < count; i++)
        {
            if (value(i) is not { } v) return null;
            sum += v;
        }
        return sum / count;
    }
}
