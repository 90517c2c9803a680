using ContinualDash.Training.Data;

namespace ContinualDash.Training.Tests;

/// <summary>Small seeded in-memory data sets: class c lights up pixels p with p mod classes == c.</summary>
internal static class TestImages
{
    public static LabeledImages Create(int perClass, int classes = 10, int side = 4, int seed = 1)
    {
        var rng = new Random(seed);
        var count = perClass * classes;
        var features = new float[count * side * side];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % classes;
            for (var p = 0; p < side * side; p++)
                features[i * side * side + p] = (float)((p % classes == labels[i] ? 0.6 : 0) + 0.4 * rng.NextDouble());
        }
        return new LabeledImages(features, labels, side, side);
    }
}
