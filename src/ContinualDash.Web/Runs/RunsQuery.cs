using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace ContinualDash.Web.Runs;

/// <summary>
/// A valid question to the runs list: made by <see cref="RunsRequest.Bind"/> from the page's query string or
/// <c>GET /api/runs</c>'s parameters. <see cref="Status"/> is a <c>RunStatus</c> name; blank values are null.
/// </summary>
public sealed record RunsQuery(
    string? Status = null, string? Tag = null, string? Experiment = null, string? Text = null, string? Filter = null,
    string Sort = RunsSort.DefaultKey, bool Descending = true, int Page = 1, int Size = RunsQuery.DefaultSize)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    /// <summary>True for the default order (newest first), which URLs leave out.</summary>
    public bool DefaultOrder => Sort == RunsSort.DefaultKey && Descending;

    /// <summary>The page's URL for this view with some values replaced (nulls and defaults are left out).</summary>
    public string Url(string? sort = null, bool? descending = null, int? page = null)
    {
        var order = this with { Sort = sort ?? Sort, Descending = descending ?? Descending };
        var values = new Dictionary<string, string?>
        {
            ["status"] = Status, ["tag"] = Tag, ["experiment"] = Experiment, ["q"] = Text, ["filter"] = Filter,
            // Both sort and dir, always: a bare sort=key means ascending, as on the API.
            ["sort"] = order.DefaultOrder ? null : order.Sort,
            ["dir"] = order.DefaultOrder ? null : order.Descending ? "desc" : "asc",
            ["page"] = (page ?? Page) is var p && p > 1 ? p.ToString(CultureInfo.InvariantCulture) : null,
            ["size"] = Size != DefaultSize ? Size.ToString(CultureInfo.InvariantCulture) : null,
        };
        return QueryHelpers.AddQueryString("/", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}
