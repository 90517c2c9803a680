using Microsoft.AspNetCore.WebUtilities;

namespace ContinualDash.Web.Runs;

/// <summary>The runs list's whole view state, as it appears in the query string.</summary>
public sealed record RunsQuery(string? Status, string? Tag, string? Text, string? Filter, string? Sort, string? Dir, int Page, int Size)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    public bool Descending => Dir != "asc";

    /// <summary>This view's URL with some values replaced (null values and defaults are left out).</summary>
    public string Url(string? sort = null, string? dir = null, int? page = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["status"] = Status, ["tag"] = Tag, ["q"] = Text, ["filter"] = Filter,
            ["sort"] = sort ?? Sort, ["dir"] = dir ?? Dir,
            ["page"] = (page ?? Page) is var p && p > 1 ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            ["size"] = Size != DefaultSize ? Size.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        return QueryHelpers.AddQueryString("/", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}
