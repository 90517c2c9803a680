using System.Text;

namespace ContinualDash.Training.Models;

/// <summary>
/// Saves and loads a model's parameter values in a small binary format: a magic string, the parameter count,
/// then per parameter its shape and little-endian float32 values. Loading checks every shape, so weights
/// cannot be read into a different architecture.
/// </summary>
public static class ModelWeights
{
    private const string Magic = "CDWEIGHTS1";

    /// <summary>Writes every parameter of <paramref name="model"/>.</summary>
    public static void Save(Sequential model, Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(model.Parameters.Count);
        foreach (var p in model.Parameters)
        {
            w.Write(p.Value.Rows);
            w.Write(p.Value.Cols);
            foreach (var v in p.Value.Span)
                w.Write(v);
        }
    }

    /// <summary>Reads values saved by <see cref="Save"/> into <paramref name="model"/>; throws <see cref="InvalidDataException"/> on any mismatch.</summary>
    public static void Load(Sequential model, Stream stream)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (r.ReadString() != Magic)
            throw new InvalidDataException("not a ContinualDash weight file");
        var count = r.ReadInt32();
        if (count != model.Parameters.Count)
            throw new InvalidDataException($"file has {count} parameters, model has {model.Parameters.Count}");
        foreach (var p in model.Parameters)
        {
            var (rows, cols) = (r.ReadInt32(), r.ReadInt32());
            if (rows != p.Value.Rows || cols != p.Value.Cols)
                throw new InvalidDataException($"parameter shape {rows}x{cols} does not match {p.Value.Rows}x{p.Value.Cols}");
            var span = p.Value.Span;
            for (var i = 0; i < span.Length; i++)
                span[i] = r.ReadSingle();
        }
    }
}
