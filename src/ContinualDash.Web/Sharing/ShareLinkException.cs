namespace ContinualDash.Web.Sharing;

/// <summary>A share link that cannot be made; <see cref="Field"/> names the input at fault.</summary>
public sealed class ShareLinkException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
