namespace ContinualDash.Core.Evaluation;

/// <summary>
/// A fixed-capacity monotonic deque of (sequence index, value): the front holds the largest (or smallest)
/// value among the pushed entries not yet evicted. Ring positions wrap by comparison, not modulo, because
/// this runs once per evaluation on the engine's hot path.
/// </summary>
internal sealed class MonotonicDeque(int capacity, bool keepLargest)
{
    private readonly long[] _index = new long[capacity];
    private readonly double[] _value = new double[capacity];
    private int _head;
    private int _length;

    public bool IsEmpty => _length == 0;

    public double FrontValue => _value[_head];

    public MonotonicDeque Clone()
    {
        var copy = new MonotonicDeque(_index.Length, keepLargest) { _head = _head, _length = _length };
        Array.Copy(_index, copy._index, _index.Length);
        Array.Copy(_value, copy._value, _value.Length);
        return copy;
    }

    /// <summary>Drops entries older than <paramref name="oldest"/> from the front.</summary>
    public void EvictBefore(long oldest)
    {
        while (_length > 0 && _index[_head] < oldest)
        {
            if (++_head == _index.Length) _head = 0;
            _length--;
        }
    }

    /// <summary>Drops entries that can never be the front again, then appends; needs a free slot (evict first).</summary>
    public void Push(long index, double value)
    {
        while (_length > 0)
        {
            var back = _head + _length - 1;
            if (back >= _index.Length) back -= _index.Length;
            if (keepLargest ? _value[back] > value : _value[back] < value) break;
            _length--;
        }
        var slot = _head + _length;
        if (slot >= _index.Length) slot -= _index.Length;
        _index[slot] = index;
        _value[slot] = value;
        _length++;
    }
}
