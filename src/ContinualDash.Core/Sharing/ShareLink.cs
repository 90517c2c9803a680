namespace ContinualDash.Core.Sharing;

/// <summary>
/// A view-only link to one run, experiment or comparison, for people without an account. The link's URL
/// carries a signed form of <see cref="Id"/>; the row is kept so that a link can be revoked or expire.
/// </summary>
public sealed class ShareLink
{
    public long Id { get; set; }
    /// <summary>One of <see cref="ShareLinkKind"/>.</summary>
    public string Kind { get; set; } = ShareLinkKind.Run;
    /// <summary>The run id, the experiment id, or the compare query string.</summary>
    public string Target { get; set; } = "";
    /// <summary>The account that created the link; null when the server runs without accounts.</summary>
    public long? UserId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>False once revoked or past its expiry.</summary>
    public bool IsLive(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
