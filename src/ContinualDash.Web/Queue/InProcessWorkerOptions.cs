using System.ComponentModel.DataAnnotations;

namespace ContinualDash.Web.Queue;

/// <summary>The web app's own worker slots (configuration section <c>Workers</c>).</summary>
public sealed class InProcessWorkerOptions
{
    public const string Section = "Workers";

    /// <summary>Jobs the web app runs itself; 0 leaves all jobs to remote workers.</summary>
    /// <value>The default is 1.</value>
    [Range(0, 64)]
    public int InProcessSlots { get; set; } = 1;

    /// <summary>Labels the in-process slots offer, space-separated.</summary>
    /// <value>The default is none: they take only unlabelled jobs.</value>
    public string Labels { get; set; } = "";

    /// <summary>Job heartbeat period; a cancel is noticed within it.</summary>
    /// <value>The default is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:04")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>URL handed to commands as <c>CONTINUALDASH_URL</c>; null takes the first of the app's URLs.</summary>
    public string? ServerUrl { get; set; }
}
