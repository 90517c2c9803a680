using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;

namespace ContinualDash.Training.Optimization;

/// <summary>
/// Stochastic gradient descent with PyTorch's momentum convention: g += wd·θ; v = μ·v + g; θ -= lr·v
/// (the first step sets v = g).
/// </summary>
public sealed class Sgd : IOptimizer
{
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly Tensor[] _velocity;
    private readonly float _momentum;
    private readonly float _weightDecay;
    private bool _started;

    /// <summary>Optimises <paramref name="parameters"/>.</summary>
    public Sgd(IReadOnlyList<Parameter> parameters, double learningRate, double momentum = 0, double weightDecay = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(momentum);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        _parameters = parameters;
        LearningRate = learningRate;
        _momentum = (float)momentum;
        _weightDecay = (float)weightDecay;
        _velocity = [.. parameters.Select(p => new Tensor(p.Value.Rows, p.Value.Cols))];
    }

    /// <inheritdoc />
    public double LearningRate { get; }

    /// <inheritdoc />
    public void Step()
    {
        var lr = (float)LearningRate;
        for (var i = 0; i < _parameters.Count; i++)
        {
            var value = _parameters[i].Value.Span;
            var grad = _parameters[i].Grad.Span;
            if (_weightDecay != 0)
                TensorPrimitives.MultiplyAdd(value, _weightDecay, grad, grad);
            if (_momentum == 0)
            {
                TensorPrimitives.MultiplyAdd(grad, -lr, value, value);
                continue;
            }
            var v = _velocity[i].Span;
            if (_started)
                TensorPrimitives.MultiplyAdd(v, _momentum, grad, v);
            else
                grad.CopyTo(v);
            TensorPrimitives.MultiplyAdd(v, -lr, value, value);
        }
        _started = true;
    }
}
