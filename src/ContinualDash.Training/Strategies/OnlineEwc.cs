using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace ContinualDash.Training.Strategies;

/// <summary>
/// Online EWC (Schwarz et al., 2018): after each task the diagonal Fisher information F_new is estimated from
/// squared mini-batch gradients of the task's loss and merged as F = γ·F + F_new, with the anchor θ* set to the
/// current weights; while training, the penalty (λ/2)·Σ F (θ - θ*)² is added to the loss and λ·F·(θ - θ*) to
/// the gradient.
/// </summary>
public sealed class OnlineEwc(double lambda, double decay = 1.0, int fisherBatchSize = 64) : ITrainingPlugin
{
    private readonly MiniBatch _fisherBatch = new();
    private float[] _fisher = [];
    private float[] _anchor = [];
    private float[] _scratch = [];
    private float[] _grad = [];

    /// <summary>The accumulated importance F (empty before the first task ends).</summary>
    public ReadOnlySpan<float> Fisher => _fisher;

    /// <summary>(λ/2)·Σ F (θ - θ*)² at the current weights; 0 before the first task ends and at the anchor.</summary>
    public double Penalty(TrainingContext context)
    {
        if (_fisher.Length == 0)
            return 0;
        Difference(context);
        double sum = 0;
        for (var i = 0; i < _scratch.Length; i++) sum += (double)_fisher[i] * _scratch[i] * _scratch[i];
        return lambda / 2 * sum;
    }

    /// <inheritdoc />
    public void AfterBackward(TrainingContext context)
    {
        if (_fisher.Length == 0)
            return;
        context.Loss += Penalty(context);
        var parameters = context.Model.Parameters;
        ParameterVector.CopyGradients(parameters, _grad);
        // _scratch holds θ - θ* after Penalty.
        TensorPrimitives.Multiply(_scratch, _fisher, _scratch);
        TensorPrimitives.MultiplyAdd(_scratch, (float)lambda, _grad, _grad);
        ParameterVector.SetGradients(parameters, _grad);
    }

    /// <inheritdoc />
    public void AfterTask(TrainingContext context)
    {
        var parameters = context.Model.Parameters;
        if (_fisher.Length == 0)
        {
            var v = ParameterVector.Allocate(parameters, 4);
            (_fisher, _anchor, _scratch, _grad) = (v[0], v[1], v[2], v[3]);
        }
        var data = context.Task.Train;
        var estimate = new float[_fisher.Length];
        var batches = 0;
        for (var start = 0; start < data.Count; start += fisherBatchSize)
        {
            var n = Math.Min(fisherBatchSize, data.Count - start);
            _fisherBatch.Clear(data.FeatureSize);
            for (var i = start; i < start + n; i++)
                _fisherBatch.Add(data, i, 1f / n, context.Task.ClassMask);
            context.ComputeGradients(_fisherBatch);
            ParameterVector.CopyGradients(parameters, _grad);
            TensorPrimitives.MultiplyAdd(_grad, _grad, estimate, estimate);
            batches++;
        }
        TensorPrimitives.Multiply(_fisher, (float)decay, _fisher);
        TensorPrimitives.MultiplyAdd(estimate, 1f / Math.Max(batches, 1), _fisher, _fisher);
        ParameterVector.CopyValues(parameters, _anchor);
    }

    private void Difference(TrainingContext context)
    {
        ParameterVector.CopyValues(context.Model.Parameters, _scratch);
        TensorPrimitives.Subtract(_scratch, _anchor, _scratch);
    }
}
