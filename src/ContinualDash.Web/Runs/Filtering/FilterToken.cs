namespace ContinualDash.Web.Runs.Filtering;

/// <summary>One token; <see cref="Position"/> is its 1-based column, for error messages.</summary>
public sealed record FilterToken(FilterTokenKind Kind, string Text, int Position);
