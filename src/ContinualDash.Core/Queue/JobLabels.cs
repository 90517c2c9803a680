using System.Text.RegularExpressions;

namespace ContinualDash.Core.Queue;

/// <summary>
/// Labels are stored as one string, distinct, sorted and space-separated, so that the claim can test
/// "the worker offers every label of the job" in SQL (see <see cref="JobQueue"/>).
/// </summary>
public static partial class JobLabels
{
    /// <summary>Longest stored label string (the column's size).</summary>
    public const int MaxLength = 200;

    /// <summary>Normalises labels; throws <see cref="QueueException"/> naming <paramref name="field"/> on a bad one.</summary>
    public static string Normalize(IEnumerable<string>? labels, string field = "labels")
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in labels ?? [])
        {
            foreach (var label in raw.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                var l = label.ToLowerInvariant();
                if (!LabelPattern().IsMatch(l))
                    throw new QueueException(field, $"'{label}' is not a label: use letters, digits, '-', '_' and '.' (at most 50)");
                set.Add(l);
            }
        }
        var joined = string.Join(' ', set);
        if (joined.Length > MaxLength) throw new QueueException(field, $"must be at most {MaxLength} characters in all");
        return joined;
    }

    /// <summary>The labels of a stored string.</summary>
    public static string[] Split(string stored) => stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,49}$")]
    private static partial Regex LabelPattern();
}
