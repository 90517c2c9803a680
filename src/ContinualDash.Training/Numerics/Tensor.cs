namespace ContinualDash.Training.Numerics;

/// <summary>
/// A dense row-major float32 matrix whose storage is reused across shapes: <see cref="Reshape"/> only
/// allocates when the new shape needs more room than any shape before, so a training loop that alternates
/// between its training and evaluation batch sizes stops allocating after the first iteration of each.
/// </summary>
public sealed class Tensor
{
    /// <summary>Creates a zero-filled tensor of the given shape.</summary>
    public Tensor(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        Data = new float[rows * cols];
        Rows = rows;
        Cols = cols;
    }

    /// <summary>Wraps existing values (not copied); <paramref name="data"/> must hold at least rows x cols.</summary>
    public Tensor(int rows, int cols, float[] data)
    {
        if (data.Length < rows * cols)
            throw new ArgumentException($"{rows}x{cols} needs {rows * cols} values, got {data.Length}", nameof(data));
        Data = data;
        Rows = rows;
        Cols = cols;
    }

    /// <summary>The backing store; only the first <see cref="Length"/> values belong to the tensor.</summary>
    public float[] Data { get; private set; }

    /// <summary>Number of rows (samples in a batch).</summary>
    public int Rows { get; private set; }

    /// <summary>Number of columns (features).</summary>
    public int Cols { get; private set; }

    /// <summary>Rows x Cols.</summary>
    public int Length => Rows * Cols;

    /// <summary>The tensor's values.</summary>
    public Span<float> Span => Data.AsSpan(0, Length);

    /// <summary>One row.</summary>
    public Span<float> Row(int row) => Data.AsSpan(row * Cols, Cols);

    /// <summary>Element access (for tests and cold paths; kernels work on spans).</summary>
    public float this[int row, int col]
    {
        get => Data[row * Cols + col];
        set => Data[row * Cols + col] = value;
    }

    /// <summary>Changes the shape, keeping the storage when it is large enough. Contents are unspecified.</summary>
    public Tensor Reshape(int rows, int cols)
    {
        if (rows * cols > Data.Length)
            Data = new float[rows * cols];
        Rows = rows;
        Cols = cols;
        return this;
    }

    /// <summary>A deep copy with exactly Rows x Cols storage.</summary>
    public Tensor Clone() => new(Rows, Cols, Span.ToArray());

    /// <summary>Copies the values of <paramref name="source"/> (same shape) into this tensor.</summary>
    public void CopyFrom(Tensor source)
    {
        if (source.Rows != Rows || source.Cols != Cols)
            throw new ArgumentException($"shape {source.Rows}x{source.Cols} does not match {Rows}x{Cols}", nameof(source));
        source.Span.CopyTo(Span);
    }
}
