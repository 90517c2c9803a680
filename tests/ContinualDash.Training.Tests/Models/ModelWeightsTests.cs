using ContinualDash.Training.Models;

namespace ContinualDash.Training.Tests.Models;

public sealed class ModelWeightsTests
{
    [Fact]
    public void SaveThenLoad_RestoresEveryValue()
    {
        var source = MlpBuilder.Create([5, 4, 3], seed: 1);
        var target = MlpBuilder.Create([5, 4, 3], seed: 2);
        using var stream = new MemoryStream();

        ModelWeights.Save(source, stream);
        stream.Position = 0;
        ModelWeights.Load(target, stream);

        for (var i = 0; i < source.Parameters.Count; i++)
            Assert.Equal(source.Parameters[i].Value.Span.ToArray(), target.Parameters[i].Value.Span.ToArray());
    }

    [Fact]
    public void Load_DifferentArchitecture_ThrowsAndKeepsShapes()
    {
        using var stream = new MemoryStream();
        ModelWeights.Save(MlpBuilder.Create([5, 4, 3], seed: 1), stream);
        stream.Position = 0;

        Assert.Throws<InvalidDataException>(() => ModelWeights.Load(MlpBuilder.Create([5, 6, 3], seed: 1), stream));
    }
}
