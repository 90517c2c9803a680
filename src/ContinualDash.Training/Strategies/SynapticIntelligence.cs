using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace ContinualDash.Training.Strategies;

/// <summary>
/// Synaptic Intelligence (Zenke et al., 2017): along the training path each parameter accumulates its
/// contribution to the loss decrease, ω += -g·Δθ per update; at the task's end the importance grows by
/// Ω += ω / ((θ_end - θ_start)² + ξ) and the anchor becomes θ_end. The penalty c·Σ Ω (θ - θ*)² (gradient
/// 2c·Ω·(θ - θ*)) keeps important parameters close to their anchors.
/// </summary>
public sealed class SynapticIntelligence(double strength, double damping = 0.1) : ITrainingPlugin
{
    private float[] _omega = [];
    private float[] _importance = [];
    private float[] _anchor = [];
    private float[] _start = [];
    private float[] _before = [];
    private float[] _grad = [];
    private float[] _scratch = [];
    private bool _hasImportance;

    /// <summary>Path integral ω of the current task so far.</summary>
    public ReadOnlySpan<float> PathIntegral => _omega;

    /// <summary>Consolidated importance Ω.</summary>
    public ReadOnlySpan<float> Importance => _importance;

    /// <inheritdoc />
    public void BeforeTask(TrainingContext context)
    {
        var parameters = context.Model.Parameters;
        if (_omega.Length == 0)
        {
            var v = ParameterVector.Allocate(parameters, 7);
            (_omega, _importance, _anchor, _start, _before, _grad, _scratch) = (v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
        }
        ParameterVector.CopyValues(parameters, _start);
        Array.Clear(_omega);
    }

    /// <inheritdoc />
    public void AfterBackward(TrainingContext context)
    {
        var parameters = context.Model.Parameters;
        ParameterVector.CopyValues(parameters, _before);
        ParameterVector.CopyGradients(parameters, _grad);
        if (_hasImportance)
        {
            TensorPrimitives.Subtract(_before, _anchor, _scratch);
            double penalty = 0;
            for (var i = 0; i < _scratch.Length; i++) penalty += (double)_importance[i] * _scratch[i] * _scratch[i];
            context.Loss += strength * penalty;
            TensorPrimitives.Multiply(_scratch, _importance, _scratch);
            TensorPrimitives.MultiplyAdd(_scratch, (float)(2 * strength), _grad, _grad);
            ParameterVector.SetGradients(parameters, _grad);
        }
    }

    /// <inheritdoc />
    public void AfterUpdate(TrainingContext context)
    {
        // ω -= g ⊙ (θ_after - θ_before)
        ParameterVector.CopyValues(context.Model.Parameters, _scratch);
        TensorPrimitives.Subtract(_scratch, _before, _scratch);
        TensorPrimitives.Multiply(_scratch, _grad, _scratch);
        TensorPrimitives.Subtract(_omega, _scratch, _omega);
    }

    /// <inheritdoc />
    public void AfterTask(TrainingContext context)
    {
        ParameterVector.CopyValues(context.Model.Parameters, _anchor);
        TensorPrimitives.Subtract(_anchor, _start, _scratch);
        TensorPrimitives.Multiply(_scratch, _scratch, _scratch);
        TensorPrimitives.Add(_scratch, (float)damping, _scratch);
        TensorPrimitives.Divide(_omega, _scratch, _scratch);
        TensorPrimitives.Max(_scratch, 0f, _scratch);
        TensorPrimitives.Add(_importance, _scratch, _importance);
        _hasImportance = true;
    }
}
