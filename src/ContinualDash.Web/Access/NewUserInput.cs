using System.ComponentModel.DataAnnotations;
using ContinualDash.Core.Access;

namespace ContinualDash.Web.Access;

/// <summary>The add-user form of the users page.</summary>
public sealed class NewUserInput
{
    [Required(ErrorMessage = "Give the user a name.")]
    [StringLength(UserAccounts.MaxUserNameLength, ErrorMessage = "A user name is at most 100 characters.")]
    public string? UserName { get; set; }

    [Required(ErrorMessage = "Give the user a first password.")]
    [StringLength(200, MinimumLength = UserAccounts.MinPasswordLength, ErrorMessage = "A password has 8 to 200 characters.")]
    public string? Password { get; set; }

    [RegularExpression("^(admin|member|viewer)$", ErrorMessage = "The role is admin, member or viewer.")]
    public string Role { get; set; } = UserRole.Member;
}
