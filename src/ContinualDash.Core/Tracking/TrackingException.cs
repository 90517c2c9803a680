namespace ContinualDash.Core.Tracking;

/// <summary>
/// A tracking request that cannot be applied: the field it concerns (JSON path, e.g. <c>iteration</c>) and a
/// one-line reason. Nothing was stored. The API answers 400 with this field; workers log it.
/// </summary>
public sealed class TrackingException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
