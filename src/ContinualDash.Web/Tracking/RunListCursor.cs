using System.Globalization;
using System.Text;
using ContinualDash.Core.Runs;

namespace ContinualDash.Web.Tracking;

/// <summary>
/// What a client of the run-list stream knows, as the event id it resumes from: the highest run id it has
/// seen and the status of each run it knows to be unfinished. Every other run it has seen is final, and a
/// final run never changes, so this is all the server needs to send exactly the changes missed. Text form:
/// <c>{max}.{queued ids}.{running ids}</c>, ids as ranges, e.g. <c>42.3-7,9.10</c>.
/// </summary>
internal sealed class RunListCursor(long max, SortedDictionary<long, string> open)
{
    /// <summary>Most unfinished runs one cursor may name; a longer list is not an id this server made.</summary>
    public const int MaxOpen = 100_000;

    /// <summary>The highest run id the client has seen.</summary>
    public long Max { get; private set; } = max;

    /// <summary>The client's unfinished runs and their status, by id.</summary>
    public SortedDictionary<long, string> Open { get; } = open;

    public static RunListCursor Empty() => new(0, []);

    /// <summary>The client has now seen <paramref name="status"/> for run <paramref name="id"/>.</summary>
    public void Apply(long id, string status)
    {
        Max = Math.Max(Max, id);
        if (RunStatus.IsFinal(status)) Open.Remove(id);
        else Open[id] = status;
    }

    public string Encode()
    {
        var text = new StringBuilder().Append(Max.ToString(CultureInfo.InvariantCulture));
        foreach (var status in new[] { RunStatus.Queued, RunStatus.Running })
        {
            text.Append('.');
            long? start = null, end = null;
            foreach (var (id, s) in Open)
            {
                if (s != status) continue;
                if (end == id - 1) { end = id; continue; }
                Append(text, start, end);
                start = end = id;
            }
            Append(text, start, end);
        }
        return text.ToString();
    }

    public static bool TryParse(string text, out RunListCursor cursor)
    {
        cursor = Empty();
        var parts = text.Split('.');
        if (parts.Length != 3 || !TryId(parts[0], out var max)) return false;
        var open = new SortedDictionary<long, string>();
        string[] statuses = [RunStatus.Queued, RunStatus.Running];
        for (var k = 0; k < 2; k++)
        {
            if (parts[k + 1].Length == 0) continue;
            foreach (var range in parts[k + 1].Split(','))
            {
                var dash = range.IndexOf('-', StringComparison.Ordinal);
                if (!TryId(dash < 0 ? range : range[..dash], out var from)) return false;
                var to = from;
                if (dash >= 0 && !TryId(range[(dash + 1)..], out to)) return false;
                if (to < from || to > max || to - from >= MaxOpen - open.Count) return false;
                for (var id = from; id <= to; id++)
                    if (!open.TryAdd(id, statuses[k])) return false;
            }
        }
        cursor = new RunListCursor(max, open);
        return true;
    }

    private static bool TryId(string text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    private static void Append(StringBuilder text, long? start, long? end)
    {
        if (start is null) return;
        if (text[^1] != '.') text.Append(',');
        text.Append(start.Value.ToString(CultureInfo.InvariantCulture));
        if (end != start) text.Append('-').Append(end!.Value.ToString(CultureInfo.InvariantCulture));
    }
}
