using System.Text;

namespace ContinualDash.Web.Launch;

/// <summary>
/// Splits a command line into argv the way a POSIX shell does for quoting only (no variables, globs or pipes):
/// the job runs the program directly, so what the user typed must become the same arguments a shell would pass.
/// </summary>
public static class CommandLine
{
    /// <summary>The arguments of <paramref name="line"/>, or an error message (unclosed quote, trailing backslash).</summary>
    public static (IReadOnlyList<string> Argv, string? Error) Split(string line)
    {
        var argv = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is { } q)
            {
                if (c == q) quote = null;
                else if (c == '\\' && q == '"' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`') current.Append(line[++i]);
                else current.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) argv.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                inWord = true;
                if (c is '"' or '\'') quote = c;
                else if (c == '\\')
                {
                    if (i + 1 == line.Length) return ([], "ends with a lone backslash");
                    current.Append(line[++i]);
                }
                else current.Append(c);
            }
        }
        if (quote is not null) return ([], $"has an unclosed {quote} quote");
        if (inWord) argv.Add(current.ToString());
        return (argv, null);
    }

    /// <summary>One line that <see cref="Split"/> turns back into <paramref name="argv"/> (single-quotes where needed).</summary>
    public static string Join(IEnumerable<string> argv)
        => string.Join(' ', argv.Select(a => a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@%".Contains(c))
            ? a
            : "'" + a.Replace("'", "'\\''") + "'"));
}
