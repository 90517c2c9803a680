using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;

namespace ContinualDash.Training.Tests.Models;

/// <summary>
/// Central finite differences of a scalar loss against analytic gradients. The loss is accumulated in
/// double, and the step is large enough (1e-2) for float rounding of the forward pass to stay far below
/// the tolerance, which is relative to the gradient's scale.
/// </summary>
internal static class GradientCheck
{
    public static void AssertMatches(Func<double> loss, float[] values, float[] analytic, int samples = 40, double epsilon = 1e-2, double tolerance = 2e-2)
    {
        var rng = new Random(values.Length);
        var scale = analytic.Max(v => Math.Abs(v)) + 1e-3;
        for (var s = 0; s < Math.Min(samples, values.Length); s++)
        {
            var i = samples >= values.Length ? s : rng.Next(values.Length);
            var original = values[i];
            values[i] = original + (float)epsilon;
            var plus = loss();
            values[i] = original - (float)epsilon;
            var minus = loss();
            values[i] = original;
            var numeric = (plus - minus) / (2 * epsilon);
            Assert.True(Math.Abs(numeric - analytic[i]) <= tolerance * scale,
                $"index {i}: finite difference {numeric}, analytic {analytic[i]}");
        }
    }

    /// <summary>Σ y·r: a linear read-out whose gradient with respect to y is r.</summary>
    public static double Project(Tensor y, float[] r)
    {
        double s = 0;
        for (var i = 0; i < y.Length; i++) s += (double)y.Data[i] * r[i];
        return s;
    }
}
