namespace ContinualDash.Web.Runs;

/// <summary>One line of the runs table.</summary>
public sealed record RunRow(
    long Id, string Name, string Status, long? ExperimentId, string? ExperimentName, string? Benchmark, string? Strategy, int? Seed,
    double? FinalAvgAcc, double? FinalMinAcc, double? FinalWcAcc, double? FinalBwt, double? FinalForgetting,
    DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt)
{
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Running time so far (to <paramref name="now"/> while running); null before the start.</summary>
    public TimeSpan? Duration(DateTime now) => StartedAt is { } s ? (FinishedAt ?? now) - s : null;
}
