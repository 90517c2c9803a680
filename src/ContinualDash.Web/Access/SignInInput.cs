using System.ComponentModel.DataAnnotations;

namespace ContinualDash.Web.Access;

/// <summary>The sign-in form; also the first-admin form of <c>/setup</c>, which adds <see cref="Confirm"/>.</summary>
public sealed class SignInInput
{
    [Required(ErrorMessage = "Enter your user name.")]
    [StringLength(UserAccounts.MaxUserNameLength, ErrorMessage = "A user name is at most 100 characters.")]
    public string? UserName { get; set; }

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(200, ErrorMessage = "A password is at most 200 characters.")]
    public string? Password { get; set; }

    /// <summary>Only on <c>/setup</c>: the password again.</summary>
    public string? Confirm { get; set; }
}
