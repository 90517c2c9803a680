using ContinualDash.Training.Evaluation;
using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;
using ContinualDash.Training.Tests.Numerics;

namespace ContinualDash.Training.Tests.Evaluation;

public sealed class FusedForwardTests
{
    public static TheoryData<int[], int> Shapes => new()
    {
        { [784, 400, 400, 10], 1000 },   // the paper's MLP on an evaluation batch: three K blocks, helper on
        { [700, 17, 33, 5], 101 },       // K blocks of 234, widths and rows off every tile multiple
        { [16, 9, 10], 7 },              // less than one kernel tile of rows
        { [5, 3], 50 },                  // one layer, the logits straight from the input
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_LinearStack_EqualsSequentialForwardBitForBit(int[] sizes, int rows)
    {
        var model = MlpBuilder.Create(sizes, seed: 3);
        var input = GemmTests.Random(new Random(4), rows * sizes[0]);
        var expected = model.Forward(new Tensor(rows, sizes[0], input)).Span.ToArray();

        var logits = Run(model, input, 0, rows, plannedRows: rows);

        Assert.Equal(expected, logits[..(rows * sizes[^1])]);
    }

    [Fact]
    public void Forward_FromRowOffset_ComputesThoseRows()
    {
        var model = MlpBuilder.Create([20, 12, 4], seed: 1);
        var input = GemmTests.Random(new Random(2), 30 * 20);
        var expected = model.Forward(new Tensor(9, 20, input[(17 * 20)..(26 * 20)])).Span.ToArray();

        var logits = Run(model, input, 17, 9, plannedRows: 9);

        Assert.Equal(expected, logits[..(9 * 4)]);
    }

    [Fact]
    public void Forward_CallerAloneOrWithHelper_IsBitIdentical()
    {
        var model = MlpBuilder.Create(MlpBuilder.DefaultSizes, seed: 5);
        var input = GemmTests.Random(new Random(6), 600 * 784);
        var alone = Run(model, input, 0, 600, plannedRows: 1);

        for (var i = 0; i < 10; i++)
            Assert.Equal(alone, Run(model, input, 0, 600, plannedRows: 1_000_000));
    }

    [Fact]
    public void Forward_WeightsChangedBetweenRuns_UsesTheNewWeights()
    {
        var model = MlpBuilder.Create([30, 20, 6], seed: 7);
        var input = GemmTests.Random(new Random(8), 40 * 30);
        var before = Run(model, input, 0, 40, plannedRows: 40);

        model.Parameters[0].Value.Data[5] += 1f;

        var expected = model.Forward(new Tensor(40, 30, input)).Span.ToArray();
        var after = Run(model, input, 0, 40, plannedRows: 40);
        Assert.Equal(expected, after);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Start_ModelWithStandaloneRelu_ThrowsArgumentException()
    {
        var model = new Sequential([new Linear(4, 3, relu: false, new Random(1)), new Relu(3)], 4);

        Assert.False(FusedForward.Supports(model));
        Assert.Throws<ArgumentException>(() => new FusedForward().Start(model, 10));
    }

    [Fact]
    public void Forward_RowsCallbackThrows_RethrowsItAndTheNextRunWorks()
    {
        var model = MlpBuilder.Create(MlpBuilder.DefaultSizes, seed: 9);
        var input = GemmTests.Random(new Random(10), 300 * 784);
        var expected = model.Forward(new Tensor(300, 784, input)).Span.ToArray();
        var forward = new FusedForward();
        var logits = new float[300 * 10];

        forward.Start(model, 1_000_000);
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() =>
                forward.Forward(input, 0, 300, logits, (first, _) => throw new InvalidOperationException($"rows from {first}")));
            Assert.StartsWith("rows from", error.Message);
            forward.Forward(input, 0, 300, logits, null);
        }
        finally
        {
            forward.Finish();
        }

        Assert.Equal(expected, logits);
    }

    private static float[] Run(Sequential model, float[] input, int firstRow, int rows, long plannedRows)
    {
        var forward = new FusedForward();
        var logits = new float[rows * model.OutputSize];
        forward.Start(model, plannedRows);
        try
        {
            forward.Forward(input, firstRow, rows, logits, null);
        }
        finally
        {
            forward.Finish();
        }
        return logits;
    }
}
