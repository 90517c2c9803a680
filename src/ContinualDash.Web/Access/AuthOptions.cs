using System.ComponentModel.DataAnnotations;

namespace ContinualDash.Web.Access;

/// <summary>How people sign in (configuration section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string Accounts = "accounts";
    public const string None = "none";

    /// <summary>
    /// <c>accounts</c>: local accounts with cookie sign-in. <c>none</c>: a single-user machine where every
    /// browser is admin; refused at startup unless every address the server listens on is loopback.
    /// </summary>
    /// <value>The default is <c>accounts</c>.</value>
    [RegularExpression("^(accounts|none)$", ErrorMessage = "Auth:Mode must be 'accounts' or 'none'.")]
    public string Mode { get; set; } = Accounts;

    public bool IsNone => Mode == None;
}
