using ContinualDash.Training.Models;

namespace ContinualDash.Training.Strategies;

/// <summary>Copies all parameters' values or gradients to and from one flat vector (layer order).</summary>
internal static class ParameterVector
{
    public static float[] Allocate(IReadOnlyList<Parameter> parameters) => new float[parameters.Sum(p => p.Value.Length)];

    /// <summary><paramref name="count"/> zeroed vectors of the parameters' total size.</summary>
    public static float[][] Allocate(IReadOnlyList<Parameter> parameters, int count)
        => [.. Enumerable.Range(0, count).Select(_ => Allocate(parameters))];

    public static void CopyValues(IReadOnlyList<Parameter> parameters, Span<float> destination) => Copy(parameters, destination, grads: false);

    public static void CopyGradients(IReadOnlyList<Parameter> parameters, Span<float> destination) => Copy(parameters, destination, grads: true);

    public static void SetGradients(IReadOnlyList<Parameter> parameters, ReadOnlySpan<float> source)
    {
        var offset = 0;
        foreach (var p in parameters)
        {
            source.Slice(offset, p.Grad.Length).CopyTo(p.Grad.Span);
            offset += p.Grad.Length;
        }
    }

    private static void Copy(IReadOnlyList<Parameter> parameters, Span<float> destination, bool grads)
    {
        var offset = 0;
        foreach (var p in parameters)
        {
            var source = grads ? p.Grad.Span : p.Value.Span;
            source.CopyTo(destination.Slice(offset, source.Length));
            offset += source.Length;
        }
    }
}
