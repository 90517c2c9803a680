using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;

namespace ContinualDash.Training.Optimization;

/// <summary>Adam (Kingma and Ba) with bias correction; weight decay added to the gradient as in PyTorch's Adam.</summary>
public sealed class Adam : IOptimizer
{
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly Tensor[] _m;
    private readonly Tensor[] _v;
    private readonly double _beta1, _beta2, _epsilon, _weightDecay;
    private int _step;

    /// <summary>Optimises <paramref name="parameters"/>; defaults β1 = 0.9, β2 = 0.999, ε = 1e-8.</summary>
    public Adam(IReadOnlyList<Parameter> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        if (beta1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), "must be in [0, 1)");
        if (beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta2), "must be in [0, 1)");
        _parameters = parameters;
        LearningRate = learningRate;
        (_beta1, _beta2, _epsilon, _weightDecay) = (beta1, beta2, epsilon, weightDecay);
        _m = [.. parameters.Select(p => new Tensor(p.Value.Rows, p.Value.Cols))];
        _v = [.. parameters.Select(p => new Tensor(p.Value.Rows, p.Value.Cols))];
    }

    /// <inheritdoc />
    public double LearningRate { get; }

    /// <inheritdoc />
    public void Step()
    {
        _step++;
        var c1 = 1 - Math.Pow(_beta1, _step);
        var c2 = 1 - Math.Pow(_beta2, _step);
        var (b1, b2) = ((float)_beta1, (float)_beta2);
        var stepSize = (float)(LearningRate / c1);
        var sqrtC2 = (float)Math.Sqrt(c2);
        var eps = (float)_epsilon;
        for (var i = 0; i < _parameters.Count; i++)
        {
            var value = _parameters[i].Value.Span;
            var grad = _parameters[i].Grad.Span;
            var m = _m[i].Span;
            var v = _v[i].Span;
            for (var j = 0; j < value.Length; j++)
            {
                var g = grad[j] + (float)_weightDecay * value[j];
                m[j] = b1 * m[j] + (1 - b1) * g;
                v[j] = b2 * v[j] + (1 - b2) * g * g;
                value[j] -= stepSize * m[j] / (MathF.Sqrt(v[j]) / sqrtC2 + eps);
            }
        }
    }
}
