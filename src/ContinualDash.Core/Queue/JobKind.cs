namespace ContinualDash.Core.Queue;

/// <summary>What a job runs: the built-in trainer on an experiment spec, or an external command.</summary>
public static class JobKind
{
    public const string Builtin = "builtin";
    public const string Command = "command";
}
