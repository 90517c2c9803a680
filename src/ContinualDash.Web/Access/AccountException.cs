namespace ContinualDash.Web.Access;

/// <summary>An account change that was refused; <see cref="Field"/> names the form field at fault.</summary>
public sealed class AccountException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
