namespace ContinualDash.Core.Evaluation;

/// <summary>A fixed-capacity double-ended queue of sequence indices, for the monotonic deques of <see cref="TaskWindow"/>.</summary>
internal sealed class RingDeque(int capacity)
{
    private readonly long[] _items = new long[capacity];
    private int _head;
    private int _length;

    public bool IsEmpty => _length == 0;

    public long Front => _items[_head];

    public long Back => _items[(_head + _length - 1) % _items.Length];

    public RingDeque Clone()
    {
        var copy = new RingDeque(_items.Length) { _head = _head, _length = _length };
        Array.Copy(_items, copy._items, _items.Length);
        return copy;
    }

    public void EvictBefore(long oldest)
    {
        while (_length > 0 && _items[_head] < oldest)
        {
            _head = (_head + 1) % _items.Length;
            _length--;
        }
    }

    public void PopBack() => _length--;

    public void PushBack(long index)
    {
        _items[(_head + _length) % _items.Length] = index;
        _length++;
    }
}
