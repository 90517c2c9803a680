namespace ContinualDash.Web.RunView;

/// <summary>One attempt of a run as its log shows it: first and last line times and the number of lines.</summary>
public sealed record RunAttempt(int Attempt, DateTime FirstAt, DateTime LastAt, int Lines);
