using System.ComponentModel.DataAnnotations;

namespace ContinualDash.Core.Queue;

/// <summary>Settings of the job queue (configuration section <c>Queue</c>).</summary>
public sealed class QueueOptions
{
    public const string Section = "Queue";

    /// <summary>
    /// How long a running job's heartbeat may be silent before the job counts as abandoned and may be claimed
    /// again (Hangfire's invisibility timeout). Workers heartbeat every second, so this only has to outlast
    /// a network hiccup or a short server restart.
    /// </summary>
    /// <value>The default is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts a job gets when the request names none; training failures are usually deterministic,
    /// so retrying more rarely helps.</summary>
    /// <value>The default is 2 attempts.</value>
    [Range(1, 20)]
    public int DefaultMaxAttempts { get; set; } = 2;

    /// <summary>Delay before the second attempt; each further attempt doubles it, up to <see cref="RetryMaxDelay"/>.</summary>
    /// <value>The default is 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest delay between attempts, before jitter.</summary>
    /// <value>The default is 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Up to this fraction of the delay is added at random, so that jobs failed together do not
    /// retry in lock-step.</summary>
    /// <value>The default is 0.5.</value>
    [Range(0.0, 1.0)]
    public double RetryJitter { get; set; } = 0.5;

    /// <summary>A command job runs any program, so only workers that offer this label claim one (in addition to
    /// the job's own labels). Empty lets every worker claim command jobs.</summary>
    /// <value>The default is <c>commands</c>.</value>
    [RegularExpression("^([a-z0-9][a-z0-9._-]{0,49})?$", ErrorMessage = "Queue:CommandWorkerLabel must be a label (lower-case letters, digits, '-', '_', '.') or empty.")]
    public string CommandWorkerLabel { get; set; } = "commands";
}
