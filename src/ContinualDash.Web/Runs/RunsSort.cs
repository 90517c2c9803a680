using System.Linq.Expressions;
using ContinualDash.Core.Runs;

namespace ContinualDash.Web.Runs;

/// <summary>
/// The runs list's sort keys and how the database orders by each, for the page and <c>GET /api/runs</c> alike.
/// <c>sort=key</c> is ascending, <c>sort=-key</c> or <c>sort=key&amp;dir=desc</c> descending; without a sort the
/// newest run comes first (<c>-created</c>), which was the API's default before the two shared this code.
/// </summary>
public static class RunsSort
{
    public const string DefaultKey = "created";

    /// <summary>Every key <c>sort</c> accepts; the page's column headers use all but <c>created</c> and <c>id</c>.</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "created", "id", "status", "name", "experiment", "benchmark", "strategy", "seed",
        "acc", "min_acc", "wc_acc", "bwt", "forgetting", "started", "duration",
    ];

    /// <summary>
    /// Reads <paramref name="sort"/> (a key, a leading '-' for descending) and <paramref name="dir"/>
    /// (<c>asc</c> or <c>desc</c>). Adds an error per bad value to <paramref name="errors"/> and then falls back
    /// to the default, so a lenient caller (the page) still gets a usable order.
    /// </summary>
    public static (string Key, bool Descending) Parse(string? sort, string? dir, ICollection<(string Field, string Message)> errors)
    {
        bool? descending = null;
        switch (dir?.Trim().ToLowerInvariant())
        {
            case null or "": break;
            case "asc": descending = false; break;
            case "desc": descending = true; break;
            default: errors.Add(("dir", "must be asc or desc")); break;
        }

        var text = sort?.Trim() ?? "";
        if (text.Length == 0) return (DefaultKey, descending ?? true);
        var minus = text.StartsWith('-');
        var key = (minus ? text[1..] : text).ToLowerInvariant();
        if (!Keys.Contains(key))
        {
            errors.Add(("sort", $"must be one of {string.Join(", ", Keys)}, with a leading '-' for descending"));
            return (DefaultKey, true);
        }
        if (minus && descending == false)
        {
            errors.Add(("dir", $"asc contradicts the leading '-' of sort={text}"));
            return (key, true);
        }
        return (key, minus || descending == true);
    }

    /// <summary>Orders <paramref name="runs"/> by <paramref name="key"/> (one of <see cref="Keys"/>).</summary>
    internal static IQueryable<Run> Apply(IQueryable<Run> runs, string key, bool descending, DateTime now) => key switch
    {
        "created" => Order(runs, r => r.CreatedAt, descending),
        "status" => Order(runs, r => r.Status, descending),
        "name" => Order(runs, r => r.Name, descending),
        "experiment" => Order(runs, r => r.ExperimentId, descending),
        "benchmark" => Order(runs, r => r.Benchmark, descending),
        "strategy" => Order(runs, r => r.Strategy, descending),
        "seed" => Order(runs, r => r.Seed, descending),
        "acc" => Order(runs, r => r.FinalAvgAcc, descending),
        "min_acc" => Order(runs, r => r.FinalMinAcc, descending),
        "wc_acc" => Order(runs, r => r.FinalWcAcc, descending),
        "bwt" => Order(runs, r => r.FinalBwt, descending),
        "forgetting" => Order(runs, r => r.FinalForgetting, descending),
        "started" => Order(runs, r => r.StartedAt, descending),
        // A running run's duration grows until now, as the table shows it; queued runs have none.
        "duration" => Order(runs, r => RunTime.Days(r.StartedAt, r.FinishedAt ?? now), descending),
        _ => descending ? runs.OrderByDescending(r => r.Id) : runs.OrderBy(r => r.Id),
    };

    // Ties (and nulls, which the providers place differently) fall back to the id so that pages never overlap.
    private static IQueryable<Run> Order<T>(IQueryable<Run> runs, Expression<Func<Run, T>> key, bool descending) =>
        descending ? runs.OrderByDescending(key).ThenByDescending(r => r.Id) : runs.OrderBy(key).ThenBy(r => r.Id);
}
