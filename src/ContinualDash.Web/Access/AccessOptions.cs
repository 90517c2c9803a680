using ContinualDash.Core.Access;

namespace ContinualDash.Web.Access;

/// <summary>Who may do what beyond the fixed roles (configuration section <c>Access</c>).</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>Roles that may enqueue command jobs, which run arbitrary programs on a worker.</summary>
    /// <value>The default (an empty list) is admin only.</value>
    public List<string> CommandJobRoles { get; set; } = [];

    /// <summary>The roles in effect: the configured ones, or admin. (Configuration binding appends to a
    /// list, so a non-empty default could never be narrowed.)</summary>
    public IReadOnlyList<string> EffectiveCommandJobRoles => CommandJobRoles.Count > 0 ? CommandJobRoles : [UserRole.Admin];

    public bool MayLaunchCommands(string? role) =>
        role is not null && EffectiveCommandJobRoles.Contains(role, StringComparer.OrdinalIgnoreCase);
}
