namespace ContinualDash.Web.Sharing;

/// <summary>The revoke form of the share-links page: the id comes from the pressed row button.</summary>
public sealed class RevokeLinkInput
{
    public long? Id { get; set; }
}
