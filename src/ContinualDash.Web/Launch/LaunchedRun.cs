namespace ContinualDash.Web.Launch;

/// <summary>One seed's run of a launched experiment and the job that trains it.</summary>
public sealed record LaunchedRun(long JobId, long RunId, int Seed);
