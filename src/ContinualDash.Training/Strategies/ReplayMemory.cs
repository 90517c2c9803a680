using ContinualDash.Training.Data;

namespace ContinualDash.Training.Strategies;

/// <summary>
/// A bounded store of past samples (features, label, task). Class-balanced mode refills it at every task
/// end so that every class seen so far holds capacity / classes samples (the first classes take the
/// remainder); reservoir mode keeps a uniform sample of all new samples seen.
/// </summary>
public sealed class ReplayMemory
{
    private readonly int _featureSize;
    private float[] _features;
    private int[] _labels;
    private int[] _tasks;
    private long _seen;

    /// <summary>An empty memory for samples of <paramref name="featureSize"/> features.</summary>
    public ReplayMemory(int capacity, int featureSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _featureSize = featureSize;
        _features = new float[capacity * featureSize];
        _labels = new int[capacity];
        _tasks = new int[capacity];
    }

    /// <summary>Maximum number of samples.</summary>
    public int Capacity { get; }

    /// <summary>Samples stored.</summary>
    public int Count { get; private set; }

    /// <summary>Features of stored sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Features(int index) => _features.AsSpan(index * _featureSize, _featureSize);

    /// <summary>Label of stored sample <paramref name="index"/>.</summary>
    public int Label(int index) => _labels[index];

    /// <summary>Task of stored sample <paramref name="index"/>.</summary>
    public int Task(int index) => _tasks[index];

    /// <summary>Number of stored samples per class.</summary>
    public IReadOnlyDictionary<int, int> ClassCounts()
        => _labels.AsSpan(0, Count).ToArray().GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Class-balanced refill after training on task <paramref name="task"/> with data <paramref name="data"/>.</summary>
    public void RefillBalanced(LabeledImages data, int task, Random random)
    {
        var kept = Enumerable.Range(0, Count).GroupBy(i => _labels[i]).ToDictionary(g => g.Key, g => g.ToList());
        var newByClass = Enumerable.Range(0, data.Count).GroupBy(i => data.Labels[i]).ToDictionary(g => g.Key, g => g.ToArray());
        var classes = kept.Keys.Union(newByClass.Keys).Order().ToArray();
        var features = new float[_features.Length];
        var labels = new int[Capacity];
        var tasks = new int[Capacity];
        var count = 0;
        for (var c = 0; c < classes.Length; c++)
        {
            var quota = Capacity / classes.Length + (c < Capacity % classes.Length ? 1 : 0);
            var cls = classes[c];
            if (kept.TryGetValue(cls, out var old))
            {
                // Old samples were chosen at random when stored, so the first ones are a random subset.
                foreach (var i in old.Take(quota))
                    Put(features, labels, tasks, count++, Features(i), _labels[i], _tasks[i]);
                continue;
            }
            var candidates = newByClass[cls];
            random.Shuffle(candidates);
            foreach (var i in candidates.Take(quota))
                Put(features, labels, tasks, count++, data.Image(i), cls, task);
        }
        (_features, _labels, _tasks, Count) = (features, labels, tasks, count);
    }

    /// <summary>Reservoir update with one new sample.</summary>
    public void AddReservoir(ReadOnlySpan<float> features, int label, int task, Random random)
    {
        _seen++;
        if (Count < Capacity)
        {
            Put(_features, _labels, _tasks, Count++, features, label, task);
            return;
        }
        var j = random.NextInt64(_seen);
        if (j < Capacity)
            Put(_features, _labels, _tasks, (int)j, features, label, task);
    }

    private void Put(float[] features, int[] labels, int[] tasks, int at, ReadOnlySpan<float> x, int label, int task)
    {
        x.CopyTo(features.AsSpan(at * _featureSize, _featureSize));
        labels[at] = label;
        tasks[at] = task;
    }
}
