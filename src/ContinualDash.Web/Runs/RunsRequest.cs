using System.Globalization;
using ContinualDash.Core.Runs;

namespace ContinualDash.Web.Runs;

/// <summary>
/// The runs list's parameters as a client sent them: the page's query string or <c>GET /api/runs</c>'s.
/// Both bind through <see cref="Bind"/>, so the two read every value the same way.
/// </summary>
/// <param name="Status">Only runs with this status, any case (queued, running, succeeded, failed, cancelled).</param>
/// <param name="Tag">Only runs with exactly this tag.</param>
/// <param name="Experiment">Only runs of the experiment with exactly this name.</param>
/// <param name="Text">Only runs whose name or notes contain this text, ignoring case (<c>q</c>).</param>
/// <param name="Filter">An expression of the filter language (README, "Dashboard pages").</param>
/// <param name="Sort">One of <see cref="RunsSort.Keys"/>; a leading '-' sorts descending.</param>
/// <param name="Dir"><c>asc</c> or <c>desc</c>.</param>
/// <param name="Page">1-based page number, a whole number.</param>
/// <param name="PageSize">Runs per page, a whole number from 1 to <see cref="RunsQuery.MaxSize"/>.</param>
public sealed record RunsRequest(
    string? Status = null, string? Tag = null, string? Experiment = null, string? Text = null, string? Filter = null,
    string? Sort = null, string? Dir = null, string? Page = null, string? PageSize = null)
{
    /// <summary>
    /// The query these parameters ask for, and an error per bad value named after the API's parameter
    /// (<c>status</c>, <c>sort</c>, <c>dir</c>, <c>page</c>, <c>pageSize</c>). The API answers errors with a 400;
    /// the page ignores them, and the query then holds the nearest valid value (or the default) instead.
    /// An invalid <see cref="Filter"/> is reported by <see cref="RunsListing.ListAsync"/>, which parses it.
    /// </summary>
    public RunsQuery Bind(out IReadOnlyList<(string Field, string Message)> errors)
    {
        var found = new List<(string Field, string Message)>();
        var status = Blank(Status);
        if (status is not null)
        {
            // An unknown status stays as given: the page then shows that no run matches.
            if (RunsListing.KnownStatus(status) is { } known) status = known;
            else found.Add(("status", $"must be one of {string.Join(", ", RunStatus.All)} (any case)"));
        }

        var (sort, descending) = RunsSort.Parse(Sort, Dir, found);

        var size = Number(PageSize, "pageSize", RunsQuery.DefaultSize, found);
        if (size is < 1 or > RunsQuery.MaxSize)
        {
            found.Add(("pageSize", $"must be 1 to {RunsQuery.MaxSize}"));
            size = Math.Clamp(size, 1, RunsQuery.MaxSize);
        }
        var page = Number(Page, "page", 1, found);
        if (page < 1)
        {
            found.Add(("page", "must be 1 or more"));
            page = 1;
        }
        else if ((long)(page - 1) * size > int.MaxValue)
        {
            // The database skips at most int.MaxValue rows; no real list is that long.
            found.Add(("page", $"must be at most {int.MaxValue / size + 1} with pageSize {size}"));
            page = 1;
        }

        errors = found;
        return new RunsQuery(status, Blank(Tag), Blank(Experiment), Blank(Text), Blank(Filter), sort, descending, page, size);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    // Taken as text so that "abc" gets a 400 naming the parameter rather than the framework's bare binding failure.
    private static int Number(string? text, string field, int absent, List<(string Field, string Message)> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return absent;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add((field, "must be a whole number"));
        return absent;
    }
}
