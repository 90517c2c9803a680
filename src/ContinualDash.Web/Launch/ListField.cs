using System.Globalization;
using ContinualDash.Training.Experiments;

namespace ContinualDash.Web.Launch;

/// <summary>The Launch form's list fields ("1, 2, 3"): parsing with a message naming the field, and formatting back.</summary>
internal static class ListField
{
    private static readonly char[] Separators = [',', ' ', ';'];

    /// <summary>The whole numbers of <paramref name="text"/>; on a bad item adds an error for <paramref name="field"/> and returns [].</summary>
    public static IReadOnlyList<int> ParseInts(string? text, string field, List<SpecError> errors)
        => Parse<int>(text, field, errors, s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (int?)null, "whole numbers");

    /// <summary>The numbers of <paramref name="text"/>; on a bad item adds an error for <paramref name="field"/> and returns [].</summary>
    public static IReadOnlyList<double> ParseDoubles(string? text, string field, List<SpecError> errors)
        => Parse<double>(text, field, errors, s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null, "numbers");

    public static string Format<T>(IEnumerable<T>? values) where T : IFormattable
        => values is null ? "" : string.Join(", ", values.Select(v => v.ToString(null, CultureInfo.InvariantCulture)));

    private static IReadOnlyList<T> Parse<T>(string? text, string field, List<SpecError> errors, Func<string, T?> parse, string what)
        where T : struct
    {
        var items = (text ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        var values = new List<T>(items.Length);
        foreach (var item in items)
        {
            if (parse(item) is not { } value)
            {
                errors.Add(new SpecError(field, $"must be a list of {what} separated by commas, and '{item}' is not one"));
                return [];
            }
            values.Add(value);
        }
        return values;
    }
}
