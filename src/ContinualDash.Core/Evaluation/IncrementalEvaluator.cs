namespace ContinualDash.Core.Evaluation;

/// <summary>
/// The metrics engine of METRICS.md, fed one evaluation at a time: evaluations arrive in iteration order
/// (several tasks per iteration, in any task order), task boundaries arrive as tasks end. Each evaluation
/// costs amortised O(1) (the WF/WP windows use monotonic deques, not an O(w) scan), plus O(T) when an
/// iteration completes and O(T^2) when a task phase completes; <see cref="Current"/> gives the report at any
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
    private readonly int _numTasks;
    private readonly MetricsSettings _settings;
    private readonly List<int> _boundaries;
    private readonly int[] _stamp;
    private readonly double[] _latest;
    private readonly double?[] _accAtZero;
    private readonly double?[][] _r;
    private readonly int?[][] _rIterations;
    private readonly TaskWindow[] _windows;
    private readonly double[] _min;
    private readonly int[] _minIteration;
    private readonly double[] _gapMin;
    private readonly int[] _gapMinIteration;
    private readonly int[] _gapRecovery;
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

    private IncrementalEvaluator(IncrementalEvaluator o)
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
        _rows = [.. o._rows];
        _warnings = [.. o._warnings];
        _closed = o._closed;
        _lastIteration = o._lastIteration;
        _rowPending = o._rowPending;
    }

    /// <summary>T, fixed at construction.</summary>
    public int NumTasks => _numTasks;

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
    }

    /// <summary>The report of the log so far (see the remarks for open tasks). Does not change the evaluator.</summary>
    public MetricsReport Current()
    {
        var snapshot = new IncrementalEvaluator(this);
        return snapshot.Finish();
    }

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

    private static int[] Filled(int length, int value)
    {
        var array = new int[length];
        Array.Fill(array, value);
        return array;
    }
}
