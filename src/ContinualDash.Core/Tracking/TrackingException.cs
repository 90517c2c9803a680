namespace ContinualDash.Core.Tracking;

/// <summary>
/// A tracking request that cannot be applied: the field it concerns (JSON path, e.g. <c>iteration</c>) and a
/// one-line reason. Nothing was stored. The API answers 400 with this field; workers log it.
/// </summary>
public sealed class TrackingException : Exception
{
    public TrackingException(string field, string message) : this([(field, message)])
    {
    }

    /// <summary>Several problems of one request (a metric batch reports each bad point).</summary>
    public TrackingException(IReadOnlyList<(string Field, string Message)> problems) : base(problems[0].Message)
    {
        Problems = problems;
    }

    /// <summary>The first problem's field.</summary>
    public string Field => Problems[0].Field;

    /// <summary>Every problem found, at least one.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems { get; }
}
