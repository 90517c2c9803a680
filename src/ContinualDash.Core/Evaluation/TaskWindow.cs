namespace ContinualDash.Core.Evaluation;

/// <summary>
/// Running WF^w, WP^w and the WP code replica of one task (METRICS.md S3.7) over its sequence of evaluations
/// while seen. Two monotonic deques give the maximum and minimum of the previous w-1 values in amortised
/// O(1) per value, so memory is O(w) per task and time O(1) per evaluation, where [C] rescans the window.
/// </summary>
internal sealed class TaskWindow
{
    private readonly double[] _values;
    private readonly MonotonicDeque _max;
    private readonly MonotonicDeque _min;
    private int _next;
    private long _count;

    public TaskWindow(int window)
    {
        _values = new double[window];
        _max = new MonotonicDeque(window, keepLargest: true);
        _min = new MonotonicDeque(window, keepLargest: false);
    }

    private TaskWindow(TaskWindow other)
    {
        _values = (double[])other._values.Clone();
        _max = other._max.Clone();
        _min = other._min.Clone();
        _next = other._next;
        _count = other._count;
        Wf = other.Wf;
        Wp = other.Wp;
        WpCodeReplica = other.WpCodeReplica;
    }

    /// <summary>Largest decrease A[a] - A[b], a &lt; b &lt;= a + w - 1, floored at 0.</summary>
    public double Wf { get; private set; }

    /// <summary>Largest increase A[b] - A[a] in the same pairs, floored at 0.</summary>
    public double Wp { get; private set; }

    /// <summary>
    /// What [C]'s pruned <c>max_consec_delta_from_window</c> finds for increases. Its scan only starts at
    /// prefix maxima of the window; every start but the last one sees the window maximum later, so the best
    /// it finds is max(window) - window[0], and the running value is the maximum of that over all windows.
    /// </summary>
    public double WpCodeReplica { get; private set; }

    public long Count => _count;

    public TaskWindow Clone() => new(this);

    public void Add(double x)
    {
        var w = _values.Length;
        var n = _count;
        var oldest = n - w + 1;
        _max.EvictBefore(oldest);
        _min.EvictBefore(oldest);
        if (!_max.IsEmpty)
        {
            Wf = Math.Max(Wf, _max.FrontValue - x);
            Wp = Math.Max(Wp, x - _min.FrontValue);
        }
        _max.Push(n, x);
        _min.Push(n, x);
        _values[_next] = x;
        if (++_next == w) _next = 0;
        // Once the window is full, its first value is the one the next write will overwrite.
        var first = n + 1 >= w ? _values[_next] : _values[0];
        WpCodeReplica = Math.Max(WpCodeReplica, _max.FrontValue - first);
        _count = n + 1;
    }
}
