namespace ContinualDash.Core.Access;

/// <summary>
/// One key of ASP.NET Core Data Protection, stored in the database so that sign-in cookies and share links
/// stay valid across restarts and across servers that share the database.
/// </summary>
public sealed class DataProtectionKey
{
    public long Id { get; set; }
    public string? FriendlyName { get; set; }
    /// <summary>The key's XML element as Data Protection wrote it.</summary>
    public string Xml { get; set; } = "";
}
