namespace ContinualDash.Web.Access;

/// <summary>The authentication schemes of the dashboard.</summary>
public static class AccessSchemes
{
    /// <summary>Picks the scheme per request: a bearer token if one is sent, else the sign-in cookie (or the
    /// local user of <c>Auth:Mode=none</c>).</summary>
    public const string Dashboard = "Dashboard";

    /// <summary>The sign-in cookie of a local account.</summary>
    public const string Cookie = "Cookies";

    /// <summary><c>Auth:Mode=none</c>: every loopback request is the local admin.</summary>
    public const string Local = "Local";

    /// <summary>The cookie a view-only share link sets: it opens that link's view and nothing else.</summary>
    public const string Share = "Share";
}
