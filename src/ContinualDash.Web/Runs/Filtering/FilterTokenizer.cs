using System.Globalization;
using System.Text;

namespace ContinualDash.Web.Runs.Filtering;

/// <summary>Splits a filter such as <c>strategy = ER and final.wc_acc &gt; 0.5</c> into tokens.</summary>
public static class FilterTokenizer
{
    public const int MaxLength = 1000;

    public static IReadOnlyList<FilterToken> Tokenize(string text)
    {
        if (text.Length > MaxLength) throw new FilterException(MaxLength, $"the expression is longer than {MaxLength} characters");
        var tokens = new List<FilterToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var start = i + 1;
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '(' || c == ')')
            {
                tokens.Add(new(c == '(' ? FilterTokenKind.OpenParen : FilterTokenKind.CloseParen, c.ToString(), start));
                i++;
            }
            else if (c is '"' or '\'') tokens.Add(new(FilterTokenKind.String, ReadString(text, ref i), start));
            else if (c is '=' or '~' or '<' or '>' or '!')
            {
                var op = i + 1 < text.Length && text[i + 1] == '=' && c is '<' or '>' or '!' ? text.Substring(i, 2) : c.ToString();
                if (op == "!") throw new FilterException(start, "'!' must be followed by '=' (use 'not' to negate)");
                tokens.Add(new(FilterTokenKind.Operator, op, start));
                i += op.Length;
            }
            else if (char.IsDigit(c) || (c is '-' or '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                var end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '.' or '+' or '-' && text[end - 1] is 'e' or 'E' || text[end] == '.')) end++;
                var number = text[i..end];
                if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    throw new FilterException(start, $"'{number}' is not a number");
                tokens.Add(new(FilterTokenKind.Number, number, start));
                i = end;
            }
            else if (IsWordChar(c))
            {
                var end = i;
                while (end < text.Length && IsWordChar(text[end])) end++;
                tokens.Add(new(FilterTokenKind.Word, text[i..end], start));
                i = end;
            }
            else throw new FilterException(start, $"unexpected character '{c}'");
        }
        tokens.Add(new(FilterTokenKind.End, "", text.Length + 1));
        return tokens;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '.' or '-';

    // Quotes are doubled or backslash-escaped inside a string; the value is never put into SQL text.
    private static string ReadString(string text, ref int i)
    {
        var quote = text[i];
        var start = i + 1;
        var value = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length) { value.Append(text[i + 1]); i += 2; continue; }
            if (c == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote) { value.Append(quote); i += 2; continue; }
                i++;
                return value.ToString();
            }
            value.Append(c);
            i++;
        }
        throw new FilterException(start, $"the string starting here has no closing {quote}");
    }
}
