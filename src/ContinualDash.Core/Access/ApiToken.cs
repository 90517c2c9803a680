namespace ContinualDash.Core.Access;

/// <summary>
/// A bearer token for the API. Only a SHA-256 hash of the secret is stored; the secret is shown once, when
/// the token is created. <see cref="Prefix"/> (the first characters) lets people recognise a token in lists.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    /// <summary>Lower-case hex SHA-256 of the whole token.</summary>
    public string Hash { get; set; } = "";
    /// <summary><c>user</c>, <c>worker</c> or <c>run</c> (scoped to <see cref="RunId"/>).</summary>
    public string Kind { get; set; } = "user";
    public long? RunId { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    /// <summary>The owning account: the token acts with its role. Null for worker and run tokens, and for
    /// tokens made before accounts existed, which act as members.</summary>
    public long? UserId { get; set; }
}
