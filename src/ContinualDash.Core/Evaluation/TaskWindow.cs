namespace ContinualDash.Core.Evaluation;

/// <summary>
/// Running WF^w, WP^w and the WP code replica of one task (METRICS.md S3.7) over its sequence of evaluations
/// while seen. Two monotonic deques give the maximum and minimum of the previous w-1 values in amortised
/// O(1) per value, so memory is O(w) per task instead of the O(w) window scan per evaluation of [C].
/// </summary>
internal sealed class TaskWindow
{
    private readonly int _w;
    private readonly double[] _values;
    private readonly RingDeque _max;
    private readonly RingDeque _min;
    private long _count;

    public TaskWindow(int window)
    {
        _w = window;
        _values = new double[window];
        _max = new RingDeque(window);
        _min = new RingDeque(window);
    }

    private TaskWindow(TaskWindow other)
    {
        _w = other._w;
        _values = (double[])other._values.Clone();
        _max = other._max.Clone();
        _min = other._min.Clone();
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
        var n = _count;
        var oldest = Math.Max(0, n - _w + 1);
        _max.EvictBefore(oldest);
        _min.EvictBefore(oldest);
        if (!_max.IsEmpty)
        {
            Wf = Math.Max(Wf, At(_max.Front) - x);
            Wp = Math.Max(Wp, x - At(_min.Front));
        }
        _values[n % _w] = x;
        while (!_max.IsEmpty && At(_max.Back) <= x) _max.PopBack();
        _max.PushBack(n);
        while (!_min.IsEmpty && At(_min.Back) >= x) _min.PopBack();
        _min.PushBack(n);
        WpCodeReplica = Math.Max(WpCodeReplica, At(_max.Front) - At(oldest));
        _count = n + 1;
    }

    private double At(long index) => _values[index % _w];
}
