namespace ContinualDash.Training.Models;

/// <summary>Builds multi-layer perceptrons: Linear+ReLU for every hidden layer, a plain Linear for the logits.</summary>
public static class MlpBuilder
{
    /// <summary>The papers' network for 28x28 inputs and 10 classes: 784-400-400-10.</summary>
    public static readonly IReadOnlyList<int> DefaultSizes = [784, 400, 400, 10];

    /// <summary>
    /// An MLP with layer widths <paramref name="sizes"/> (input first, classes last), initialised from
    /// a generator seeded with <paramref name="seed"/>: the same seed gives the same weights, bit for bit.
    /// </summary>
    public static Sequential Create(IReadOnlyList<int> sizes, int seed)
    {
        if (sizes.Count < 2)
            throw new ArgumentException("an MLP needs at least an input and an output size", nameof(sizes));
        var rng = new Random(seed);
        var layers = new List<ILayer>();
        for (var i = 0; i + 1 < sizes.Count; i++)
            layers.Add(new Linear(sizes[i], sizes[i + 1], relu: i + 2 < sizes.Count, rng));
        return new Sequential(layers, sizes[0]);
    }
}
