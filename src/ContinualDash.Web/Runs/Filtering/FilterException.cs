namespace ContinualDash.Web.Runs.Filtering;

/// <summary>An invalid filter expression; the message says where (column) and what is wrong.</summary>
public sealed class FilterException(int position, string problem)
    : Exception($"at column {position}: {problem}")
{
    public int Position { get; } = position;
}
