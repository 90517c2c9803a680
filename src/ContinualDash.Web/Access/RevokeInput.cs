namespace ContinualDash.Web.Access;

/// <summary>The revoke form of the tokens page: the id comes from the pressed row button.</summary>
public sealed class RevokeInput
{
    public long? Id { get; set; }
}
