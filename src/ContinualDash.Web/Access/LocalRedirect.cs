namespace ContinualDash.Web.Access;

/// <summary>Keeps a <c>ReturnUrl</c> on this site: an absolute or protocol-relative URL would make the sign-in
/// page an open redirect.</summary>
public static class LocalRedirect
{
    public static string Sanitize(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] is not ('/' or '\\') ? url.TrimStart('/') : "";
}
