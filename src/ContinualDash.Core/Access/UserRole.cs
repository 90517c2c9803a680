namespace ContinualDash.Core.Access;

/// <summary>
/// The roles of a local account, from least to most: viewers read everything; members also launch jobs,
/// create runs, log, cancel and create tokens; admins also manage users and workers.
/// </summary>
public static class UserRole
{
    public const string Viewer = "viewer";
    public const string Member = "member";
    public const string Admin = "admin";

    /// <summary>Every role, least privileged first.</summary>
    public static readonly IReadOnlyList<string> All = [Viewer, Member, Admin];

    public static bool IsKnown(string? role) => role is Viewer or Member or Admin;

    /// <summary>True when <paramref name="role"/> grants at least what <paramref name="required"/> grants.</summary>
    public static bool AtLeast(string? role, string required) => Rank(role) >= Rank(required) && Rank(required) >= 0;

    private static int Rank(string? role) => role switch
    {
        Viewer => 0,
        Member => 1,
        Admin => 2,
        _ => -1,
    };
}
