using ContinualDash.Training.Strategies;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace ContinualDash.Training.Tests.Strategies;

public sealed class AGemTests
{
    [Fact]
    public void AfterBackward_ConflictingGradient_ProjectsToNonNegativeDotWithReference()
    {
        var context = StrategyTestContext.Create(task: 1);
        var agem = new AGem(memorySize: 40, context.Stream.FeatureSize, sampleSize: 40);
        agem.Memory.RefillBalanced(context.Stream.Tasks[0].Train, 0, new Random(1));
        // sampleSize = memory size: the reference gradient is the whole memory's, so it can be recomputed below.

        agem.AfterBackward(context);
        var projected = ParameterVector.Allocate(context.Model.Parameters);
        ParameterVector.CopyGradients(context.Model.Parameters, projected);

        Assert.True(agem.LastDotProduct < 0, "new-task gradient of a class-incremental head conflicts with the old task");
        var reference = new MiniBatch();
        reference.Clear(context.Stream.FeatureSize);
        for (var i = 0; i < agem.Memory.Count; i++) reference.Add(agem.Memory.Features(i), agem.Memory.Label(i), 1f / agem.Memory.Count, null);
        context.ComputeGradients(reference);
        var gRef = ParameterVector.Allocate(context.Model.Parameters);
        ParameterVector.CopyGradients(context.Model.Parameters, gRef);
        Assert.True(TensorPrimitives.Dot(projected, gRef) >= -1e-4f * TensorPrimitives.Dot(gRef, gRef));
    }

    [Fact]
    public void AfterBackward_EmptyMemory_LeavesGradient()
    {
        var context = StrategyTestContext.Create(task: 0);
        var before = ParameterVector.Allocate(context.Model.Parameters);
        ParameterVector.CopyGradients(context.Model.Parameters, before);

        new AGem(10, context.Stream.FeatureSize).AfterBackward(context);

        var after = ParameterVector.Allocate(context.Model.Parameters);
        ParameterVector.CopyGradients(context.Model.Parameters, after);
        Assert.Equal(before, after);
    }
}
