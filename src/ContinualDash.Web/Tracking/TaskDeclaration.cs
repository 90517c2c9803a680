namespace ContinualDash.Web.Tracking;

/// <summary>A declared task of a new run; a missing name becomes "Task k".</summary>
public sealed record TaskDeclaration(string? Name);
