using System.ComponentModel.DataAnnotations;

namespace ContinualDash.Web.Access;

/// <summary>The change-password form of <c>/settings/password</c>.</summary>
public sealed class PasswordInput
{
    [Required(ErrorMessage = "Enter your current password.")]
    [StringLength(200, ErrorMessage = "A password is at most 200 characters.")]
    public string? Current { get; set; }

    [Required(ErrorMessage = "Enter a new password.")]
    [StringLength(200, ErrorMessage = "A password is at most 200 characters.")]
    public string? Password { get; set; }

    [Compare(nameof(Password), ErrorMessage = "The two new passwords differ.")]
    public string? Confirm { get; set; }
}
