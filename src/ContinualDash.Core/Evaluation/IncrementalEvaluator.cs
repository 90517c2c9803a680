namespace ContinualDash.Core.Evaluation;

/// <summary>
/// The metrics engine of METRICS.md, fed one evaluation at a time: evaluations arrive in iteration order
/// (several tasks per iteration, in any task order), task boundaries arrive as tasks end. Each evaluation
/// costs amortised O(1) (the WF/WP windows use monotonic deques, not an O(w) scan), plus O(T) when an
/// iteration completes and O(T^2) when a task phase completes; <see cref="Current()"/> gives the report at any
/// time. <see cref="ContinualMetrics.Compute"/> runs the same code, so a live run
/// and its offline log give the same numbers.
/// </summary>
/// <remarks>
/// <para>Iterations after the last known boundary belong to the task after it, the open task
/// (cur(t) = number of known boundaries). Only once all T boundaries are known is an iteration after the
/// last one rejected, as the batch input is (S5). A boundary may arrive late but never before an
/// iteration already evaluated, since that would move earlier evaluations into another phase.</para>
/// <para>While tasks remain open, the report has boundary rows and R rows only for ended tasks; the final
/// values that METRICS.md takes at b_{T-1} (avg_acc, forgetting, BWT, min-ACC, WC-ACC, per-task forg) are
/// null; wf, wp, per-task minima and per-iteration rows are the running values; the open task's
/// stability-gap rows have a null <c>acc_at_boundary</c>.</para>
/// </remarks>
public sealed partial class IncrementalEvaluator
{
    private int _numTasks;
    private MetricsSettings _settings;
    private readonly List<int> _boundaries;
    private int[] _stamp;
    private double[] _latest;
    private double?[] _accAtZero;
    private double?[][] _r;
    private int?[][] _rIterations;
    private TaskWindow[] _windows;
    private double[] _min;
    private int[] _minIteration;
    private double[] _gapMin;
    private int[] _gapMinIteration;
    private int[] _gapRecovery;
    private readonly List<BoundaryMetrics> _boundaryRows;
    private readonly List<StabilityGap> _gaps;
    private readonly List<IterationMetrics> _rows;
    private readonly List<string> _warnings;
    private int _closed;
    private int _lastIteration = -1;
    private bool _rowPending;

    /// <summary>Starts an empty log of <paramref name="numTasks"/> tasks.</summary>
    /// <exception cref="MetricsInputException">The settings are invalid for that many tasks.</exception>
    public IncrementalEvaluator(int numTasks, MetricsSettings settings)
    {
        if (numTasks < 1) throw new MetricsInputException("num_tasks: at least one task is needed");
        AccuracyLogValidator.ValidateSettings(settings, numTasks);
        _numTasks = numTasks;
        _settings = settings;
        _boundaries = new List<int>(numTasks);
        _stamp = Filled(numTasks, -1);
        _latest = new double[numTasks];
        _accAtZero = new double?[numTasks];
        _r = Enumerable.Range(0, numTasks).Select(_ => new double?[numTasks]).ToArray();
        _rIterations = Enumerable.Range(0, numTasks).Select(_ => new int?[numTasks]).ToArray();
        _windows = Enumerable.Range(0, numTasks).Select(_ => new TaskWindow(settings.Window)).ToArray();
        _min = new double[numTasks];
        _minIteration = Filled(numTasks, -1);
        _gapMin = new double[numTasks];
        _gapMinIteration = Filled(numTasks, -1);
        _gapRecovery = Filled(numTasks, -1);
        _boundaryRows = new List<BoundaryMetrics>(numTasks);
        _gaps = [];
        _rows = [];
        _warnings = [];
    }

    /// <summary>A copy to finish; per-iteration rows before <paramref name="fromRow"/> are left out.</summary>
    private IncrementalEvaluator(IncrementalEvaluator o, int fromRow)
    {
        _numTasks = o._numTasks;
        _settings = o._settings;
        _boundaries = [.. o._boundaries];
        _stamp = (int[])o._stamp.Clone();
        _latest = (double[])o._latest.Clone();
        _accAtZero = (double?[])o._accAtZero.Clone();
        _r = o._r.Select(row => (double?[])row.Clone()).ToArray();
        _rIterations = o._rIterations.Select(row => (int?[])row.Clone()).ToArray();
        _windows = o._windows.Select(w => w.Clone()).ToArray();
        _min = (double[])o._min.Clone();
        _minIteration = (int[])o._minIteration.Clone();
        _gapMin = (double[])o._gapMin.Clone();
        _gapMinIteration = (int[])o._gapMinIteration.Clone();
        _gapRecovery = (int[])o._gapRecovery.Clone();
        _boundaryRows = [.. o._boundaryRows];
        _gaps = [.. o._gaps];
        _rows = o._rows.GetRange(fromRow, o._rows.Count - fromRow);
        _warnings = [.. o._warnings];
        _closed = o._closed;
        Evaluations = o.Evaluations;
        _lastIteration = o._lastIteration;
        _rowPending = o._rowPending;
    }

    /// <summary>T: set at construction, raised only by <see cref="GrowTasks"/>.</summary>
    public int NumTasks => _numTasks;

    /// <summary>Evaluations fed so far (also counts those of future tasks).</summary>
    public long Evaluations { get; private set; }

    /// <summary>The last evaluated iteration, -1 before the first evaluation.</summary>
    public int LastIteration => _lastIteration;

    /// <summary>The boundaries fed so far.</summary>
    public IReadOnlyList<int> Boundaries => _boundaries;

    /// <summary>
    /// Raises T for a live run that did not declare its tasks: the tasks seen so far are kept as they are,
    /// and the new ones start unseen. The report is the one a log of <paramref name="numTasks"/> tasks gives.
    /// </summary>
    /// <param name="numTasks">The new T; a smaller or equal value changes nothing.</param>
    /// <param name="settings">The settings for that many tasks (the per-task lists may name the new tasks);
    /// the window cannot change.</param>
    /// <exception cref="MetricsInputException">The settings are invalid for <paramref name="numTasks"/> tasks.</exception>
    public void GrowTasks(int numTasks, MetricsSettings settings)
    {
        var old = _numTasks;
        if (numTasks <= old) return;
        if (settings.Window != _settings.Window)
            throw new ArgumentException("the window of a running evaluator cannot change", nameof(settings));
        AccuracyLogValidator.ValidateSettings(settings, numTasks);
        _settings = settings;
        _numTasks = numTasks;
        _stamp = Grown(_stamp, numTasks, -1);
        _latest = Grown(_latest, numTasks, 0.0);
        _accAtZero = Grown(_accAtZero, numTasks, null);
        _r = Grown(_r.Select(row => Grown(row, numTasks, null)).ToArray(), numTasks, null!);
        _rIterations = Grown(_rIterations.Select(row => Grown(row, numTasks, null)).ToArray(), numTasks, null!);
        for (var k = old; k < numTasks; k++)
        {
            _r[k] = new double?[numTasks];
            _rIterations[k] = new int?[numTasks];
        }
        _windows = Grown(_windows, numTasks, null!);
        for (var i = old; i < numTasks; i++) _windows[i] = new TaskWindow(_settings.Window);
        _min = Grown(_min, numTasks, 0.0);
        _minIteration = Grown(_minIteration, numTasks, -1);
        _gapMin = Grown(_gapMin, numTasks, 0.0);
        _gapMinIteration = Grown(_gapMinIteration, numTasks, -1);
        _gapRecovery = Grown(_gapRecovery, numTasks, -1);
    }

    /// <summary>Records that training on the next task ended at <paramref name="iteration"/> (b_k, S1).</summary>
    /// <exception cref="MetricsInputException">Not after the previous boundary, before an evaluated iteration, or more than T boundaries.</exception>
    public void AddBoundary(int iteration)
    {
        if (_boundaries.Count == _numTasks)
            throw new MetricsInputException($"task boundary {iteration}: all {_numTasks} task boundaries are already known");
        if (iteration < 0)
            throw new MetricsInputException($"task boundary {iteration} is negative");
        if (_boundaries.Count > 0 && iteration <= _boundaries[^1])
            throw new MetricsInputException($"task boundary {iteration} is not after the previous boundary {_boundaries[^1]}");
        if (iteration < _lastIteration)
            throw new MetricsInputException($"task boundary {iteration} is before iteration {_lastIteration}, which is already evaluated");
        _boundaries.Add(iteration);
    }

    /// <summary>Adds A_task(iteration). Evaluations must come in iteration order; within an iteration any task order.</summary>
    /// <exception cref="MetricsInputException">Invalid value, out of order, duplicate, or after the last boundary.</exception>
    public void AddEvaluation(TaskAccuracy evaluation)
    {
        var (t, task, acc) = evaluation;
        if (task < 0 || task >= _numTasks)
            throw Rejected(evaluation, $"task is not a task index (0..{_numTasks - 1})");
        if (t < 0)
            throw Rejected(evaluation, "iteration is negative");
        if (AccuracyLogValidator.AccuracyProblem(acc) is { } problem)
            throw Rejected(evaluation, $"accuracy {problem}");
        if (t < _lastIteration)
            throw Rejected(evaluation, $"evaluations must arrive in iteration order, but iteration {_lastIteration} came before");
        if (_stamp[task] == t)
            throw Rejected(evaluation, "this task is already evaluated at this iteration");
        if (_boundaries.Count == _numTasks && t > _boundaries[^1])
            throw Rejected(evaluation, $"iteration is after the last task boundary {_boundaries[^1]}");

        if (t > _lastIteration)
        {
            if (_rowPending) FlushIterationRow();
            while (_closed < _boundaries.Count && _boundaries[_closed] < t) ClosePhase();
            _lastIteration = t;
        }
        Record(t, task, acc);
        _rowPending = true;
        Evaluations++;
    }

    /// <summary>The report of the log so far (see the remarks for open tasks). Does not change the evaluator.</summary>
    public MetricsReport Current() => Current(0);

    /// <summary>
    /// The report of the log so far with only the per-iteration rows from index <paramref name="fromRow"/> on,
    /// for a viewer that has the earlier ones: it costs O(rows sent + T^2), not O(every row). Rows before
    /// <see cref="SettledRows"/> never change; the row of the last evaluated iteration is recomputed until a
    /// later iteration arrives, since more tasks of that iteration may still come.
    /// </summary>
    public MetricsReport Current(int fromRow)
    {
        var snapshot = new IncrementalEvaluator(this, Math.Clamp(fromRow, 0, _rows.Count));
        return snapshot.Finish();
    }

    /// <summary>Per-iteration rows that are final: every evaluated iteration but the last.</summary>
    public int SettledRows => _rows.Count;

    /// <summary>The settled per-iteration rows (a live view: it grows as evaluations arrive).</summary>
    public IReadOnlyList<IterationMetrics> SettledRowList => _rows;

    /// <summary>Ends the log in place and builds the report; the evaluator must not be fed afterwards.</summary>
    internal MetricsReport Finish()
    {
        if (_rowPending) FlushIterationRow();
        _rowPending = false;
        while (_closed < _boundaries.Count) ClosePhase();
        return BuildReport();
    }

    private static MetricsInputException Rejected(TaskAccuracy e, string reason) =>
        new($"evaluation (iteration {e.Iteration}, task {e.Task}): {reason}");

    private static T[] Grown<T>(T[] array, int length, T fill)
    {
        var grown = new T[length];
        Array.Fill(grown, fill);
        array.CopyTo(grown, 0);
        return grown;
    }

    private static int[] Filled(int length, int value)
    {
        var array = new int[length];
        Array.Fill(array, value);
        return array;
    }
}
