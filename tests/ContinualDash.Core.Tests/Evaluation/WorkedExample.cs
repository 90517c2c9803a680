using ContinualDash.Core.Evaluation;

namespace ContinualDash.Core.Tests.Evaluation;

/// <summary>The 3-task log of METRICS.md S6 (w = 3); the starred entries are future-task evaluations.</summary>
internal static class WorkedExample
{
    public static readonly int[] Boundaries = [2, 4, 6];

    public static readonly TaskAccuracy[] Evaluations =
    [
        new(0, 0, 0.10), new(1, 0, 0.60), new(2, 0, 0.90), new(2, 1, 0.20),
        new(3, 0, 0.50), new(3, 1, 0.70),
        new(4, 0, 0.95), new(4, 1, 0.90), new(4, 2, 0.30),
        new(5, 0, 0.60), new(5, 1, 0.40), new(5, 2, 0.75),
        new(6, 0, 0.70), new(6, 1, 0.80), new(6, 2, 0.95),
    ];

    public static MetricsSettings Settings => new(Window: 3, RandomInitAccuracy: [0.10, 0.15, 0.20]);

    public static AccuracyLog Log => new(Boundaries, Evaluations, Settings);
}
