namespace ContinualDash.Web.Runs.Filtering;

/// <summary>
/// Holds a literal of the expression. EF Core turns a member of a captured object into a SQL parameter, so
/// user text reaches the database only as a parameter value, never as SQL.
/// </summary>
internal sealed class QueryValue<T>(T value)
{
    public T Value { get; } = value;
}
