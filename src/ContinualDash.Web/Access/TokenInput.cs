using System.ComponentModel.DataAnnotations;
using ContinualDash.Core.Access;

namespace ContinualDash.Web.Access;

/// <summary>The create form of the tokens page.</summary>
public sealed class TokenInput
{
    [Required(ErrorMessage = "Give the token a name, e.g. the machine that will use it.")]
    [StringLength(200, ErrorMessage = "A name is at most 200 characters.")]
    public string? Name { get; set; }

    [RegularExpression("^(user|worker)$", ErrorMessage = "Kind is user or worker.")]
    public string Kind { get; set; } = ApiTokenKind.User;
}
