namespace ContinualDash.Web.Access;

/// <summary>The configured <c>Auth:Mode</c> may not serve on the configured addresses; the message is the
/// one line the server prints before it exits.</summary>
public sealed class AuthModeException(string message) : Exception(message);
