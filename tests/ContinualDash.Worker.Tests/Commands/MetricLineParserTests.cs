using ContinualDash.Core.Tracking;
using ContinualDash.Worker.Commands;

namespace ContinualDash.Worker.Tests.Commands;

public sealed class MetricLineParserTests
{
    [Fact]
    public void TryParse_MetricRecord_ReturnsPoint()
    {
        var record = MetricLineParser.TryParse("""{"metric":"accuracy","task":0,"iteration":12,"value":0.91}""");

        Assert.Equal(new MetricPointInput("accuracy", 0, 12, 0.91), record?.Point);
    }

    [Fact]
    public void TryParse_MetricWithoutTaskButWithTime_ReturnsRunLevelPoint()
    {
        var record = MetricLineParser.TryParse("""  {"metric":"loss","iteration":3,"value":2.5,"time":1700000000000}  """);

        Assert.Equal(new MetricPointInput("loss", null, 3, 2.5, 1700000000000), record?.Point);
    }

    [Fact]
    public void TryParse_BoundaryRecord_ReturnsBoundary()
    {
        var record = MetricLineParser.TryParse("""{"boundary":{"task":1,"iteration":469}}""");

        Assert.Equal((null, 1, 469L), (record?.Point, record?.BoundaryTask, record?.BoundaryIteration));
    }

    [Theory]
    [InlineData("epoch 3 done")]
    [InlineData("{not json}")]
    [InlineData("""{"metric":"acc","iteration":"x","value":1}""")]
    [InlineData("""{"metric":"acc","iteration":1}""")]
    [InlineData("""{"metric":"acc","task":"a","iteration":1,"value":1}""")]
    [InlineData("""{"boundary":{"task":1}}""")]
    [InlineData("""{"other":1}""")]
    public void TryParse_OtherLines_AreOnlyLog(string line)
    {
        Assert.Null(MetricLineParser.TryParse(line));
    }
}
