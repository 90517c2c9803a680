using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace ContinualDash.Training.Strategies;

/// <summary>
/// Averaged Gradient Episodic Memory (Chaudhry et al., 2019): after the backward pass, a reference gradient
/// g_ref is computed on a random sample of the memory; if the new gradient g points against it (g·g_ref &lt; 0)
/// it is projected to g - (g·g_ref / g_ref·g_ref) g_ref, so that the update does not increase the memory loss
/// to first order.
/// </summary>
public sealed class AGem : ITrainingPlugin
{
    private readonly int _sampleSize;
    private readonly ReplaySelection _selection;
    private readonly MiniBatch _reference = new();
    private float[] _g = [];
    private float[] _gRef = [];
    private int[] _indices = [];

    /// <summary>Creates the plugin; arguments are validated by the experiment spec.</summary>
    public AGem(int memorySize, int featureSize, int sampleSize = 256, ReplaySelection selection = ReplaySelection.ClassBalanced)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleSize);
        Memory = new ReplayMemory(memorySize, featureSize);
        _sampleSize = sampleSize;
        _selection = selection;
    }

    /// <summary>The episodic memory.</summary>
    public ReplayMemory Memory { get; }

    /// <summary>g·g_ref of the last iteration before projection (NaN when the memory was empty).</summary>
    public double LastDotProduct { get; private set; } = double.NaN;

    /// <inheritdoc />
    public void AfterBackward(TrainingContext context)
    {
        if (Memory.Count == 0)
            return;
        var parameters = context.Model.Parameters;
        if (_g.Length == 0)
        {
            _g = ParameterVector.Allocate(parameters);
            _gRef = ParameterVector.Allocate(parameters);
        }
        ParameterVector.CopyGradients(parameters, _g);
        SampleReference(context);
        context.ComputeGradients(_reference);
        ParameterVector.CopyGradients(parameters, _gRef);
        var dot = TensorPrimitives.Dot(_g, _gRef);
        LastDotProduct = dot;
        if (dot < 0)
        {
            var norm = TensorPrimitives.Dot(_gRef, _gRef);
            if (norm > 0)
                TensorPrimitives.MultiplyAdd(_gRef, -dot / norm, _g, _g);
        }
        ParameterVector.SetGradients(parameters, _g);
    }

    /// <inheritdoc />
    public void AfterUpdate(TrainingContext context)
    {
        if (_selection != ReplaySelection.Reservoir)
            return;
        var batch = context.Batch;
        for (var i = 0; i < batch.Count; i++)
            Memory.AddReservoir(batch.Features.Row(i), batch.Labels[i], context.Task.Id, context.Random);
    }

    /// <inheritdoc />
    public void AfterTask(TrainingContext context)
    {
        if (_selection == ReplaySelection.ClassBalanced)
            Memory.RefillBalanced(context.Task.Train, context.Task.Id, context.Random);
    }

    private void SampleReference(TrainingContext context)
    {
        var take = Math.Min(_sampleSize, Memory.Count);
        if (_indices.Length != Memory.Count)
            _indices = [.. Enumerable.Range(0, Memory.Count)];
        _reference.Clear(context.Stream.FeatureSize);
        for (var i = 0; i < take; i++)
        {
            var j = context.Random.Next(i, _indices.Length);
            (_indices[i], _indices[j]) = (_indices[j], _indices[i]);
            var m = _indices[i];
            _reference.Add(Memory.Features(m), Memory.Label(m), 1f / take, context.Stream.Tasks[Memory.Task(m)].ClassMask);
        }
    }
}
