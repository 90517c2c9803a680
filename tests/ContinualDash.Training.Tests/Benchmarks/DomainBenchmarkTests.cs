using ContinualDash.Training.Benchmarks;

namespace ContinualDash.Training.Tests.Benchmarks;

public sealed class DomainBenchmarkTests
{
    private static readonly ContinualDash.Training.Data.LabeledImages Train = TestImages.Create(3);
    private static readonly ContinualDash.Training.Data.LabeledImages Test = TestImages.Create(2, seed: 2);

    [Fact]
    public void Permuted_SameSeed_SamePermutationOfEveryImage()
    {
        var a = DomainBenchmark.Permuted(Train, Test, 3, 5, seed: 1);
        var b = DomainBenchmark.Permuted(Train, Test, 3, 5, seed: 1);

        Assert.Equal(a.Tasks[2].Train.Features, b.Tasks[2].Train.Features);
        Assert.NotEqual(a.Tasks[0].Train.Features, a.Tasks[1].Train.Features);
        Assert.Equal(Scenario.DomainIncremental, a.Scenario);
        // A permutation moves pixels without changing them.
        Assert.Equal(Train.Image(0).ToArray().Order(), a.Tasks[1].Train.Image(0).ToArray().Order());
        Assert.Equal(Train.Labels, a.Tasks[1].Train.Labels);
    }

    [Fact]
    public void Rotated_ZeroAndQuarterTurn_KeepsOrMovesPixels()
    {
        var stream = DomainBenchmark.Rotated(Train, Test, [0, 90], 5, seed: 1);

        Assert.Equal(Train.Features, stream.Tasks[0].Train.Features);
        var original = Train.Image(0);
        var rotated = stream.Tasks[1].Train.Image(0);
        // Quarter turn of a 4x4 image: destination pixel (x, y) takes source pixel (y, 3 - x).
        for (var y = 0; y < 4; y++)
            for (var x = 0; x < 4; x++)
                Assert.Equal(original[(3 - x) * 4 + y], rotated[y * 4 + x], 4);
    }

    [Fact]
    public void DefaultAngles_SpreadsOverHalfTurn()
    {
        Assert.Equal([0.0, 45, 90, 135], DomainBenchmark.DefaultAngles(4));
    }
}
