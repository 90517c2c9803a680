namespace ContinualDash.Core.Queue;

/// <summary>A queue request that cannot be applied: the field it concerns and a one-line reason. Nothing was stored.</summary>
public sealed class QueueException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
