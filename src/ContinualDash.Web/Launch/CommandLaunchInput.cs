namespace ContinualDash.Web.Launch;

/// <summary>The Launch form's command-job fields: the same job <c>POST /api/jobs</c> enqueues with a <c>command</c>.</summary>
public sealed class CommandLaunchInput
{
    public string? Name { get; set; }

    /// <summary>Program and arguments, split like a POSIX shell does (quotes group, backslash escapes).</summary>
    public string? CommandLine { get; set; }

    /// <summary>Empty: the worker's own working directory.</summary>
    public string? WorkingDirectory { get; set; }

    public string? Labels { get; set; }
}
