namespace ContinualDash.Web.Runs;

/// <summary>A page of the runs table, or the message of an invalid filter.</summary>
public sealed record RunsResult(IReadOnlyList<RunRow> Rows, int Total, string? FilterError);
