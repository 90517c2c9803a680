namespace ContinualDash.Core.Access;

/// <summary>What an API token may do.</summary>
public static class ApiTokenKind
{
    /// <summary>A person's token: writes to any run, may also run a worker.</summary>
    public const string User = "user";

    /// <summary>A worker machine's token: claims jobs and reports for the runs it holds.</summary>
    public const string Worker = "worker";

    /// <summary>Handed to one command job: writes to that run only.</summary>
    public const string Run = "run";

    public static bool IsKnown(string kind) => kind is User or Worker or Run;
}
