namespace ContinualDash.Core.Access;

/// <summary>
/// A local account. Only a salted, iterated hash of the password is stored (ASP.NET Core's
/// <c>PasswordHasher</c> format). Users are disabled, never deleted, so tokens and share links keep an owner.
/// </summary>
public sealed class User
{
    public long Id { get; set; }
    /// <summary>The sign-in name; it never changes, and it is unique ignoring case (stored lower-case).</summary>
    public string UserName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    /// <summary>One of <see cref="UserRole"/>.</summary>
    public string Role { get; set; } = UserRole.Viewer;
    public DateTime CreatedAt { get; set; }
    /// <summary>Set when an admin disabled the account: it can no longer sign in, nor can its tokens.</summary>
    public DateTime? DisabledAt { get; set; }
}
