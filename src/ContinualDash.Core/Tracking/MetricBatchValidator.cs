namespace ContinualDash.Core.Tracking;

/// <summary>
/// Checks a metric batch before anything is stored, so that a rejected batch stores nothing. Every problem is
/// reported with the JSON path of the offending field (e.g. <c>points[3].value</c>).
/// </summary>
public static class MetricBatchValidator
{
    /// <summary>Largest batch accepted in one request or one worker report.</summary>
    public const int MaxPoints = 10_000;

    /// <summary>Longest metric name (the column's size).</summary>
    public const int MaxNameLength = 200;

    /// <summary>Longest batch key (the column's size).</summary>
    public const int MaxKeyLength = 100;

    /// <summary>Returns (field, message) for each problem; empty when the batch can be stored.</summary>
    /// <param name="batchKey">The optional idempotency key.</param>
    /// <param name="points">The points.</param>
    /// <param name="taskCount">The run's declared number of tasks, or null when it declared none.</param>
    public static IReadOnlyList<(string Field, string Message)> Validate(
        string? batchKey, IReadOnlyList<MetricPointInput> points, int? taskCount)
    {
        var errors = new List<(string, string)>();
        if (batchKey is not null && (batchKey.Length == 0 || batchKey.Length > MaxKeyLength))
            errors.Add(("batch", $"must be 1 to {MaxKeyLength} characters"));
        // The field paths are built only for a problem: a string per valid point would cost more than checking it.
        for (var i = 0; i < points.Count && errors.Count < 20; i++)
        {
            var p = points[i];
            if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Length > MaxNameLength)
                errors.Add(($"points[{i}].name", $"must be 1 to {MaxNameLength} characters"));
            if (p.Task is < 0)
                errors.Add(($"points[{i}].task", "must be 0 or more"));
            else if (p.Task >= taskCount)
                errors.Add(($"points[{i}].task", $"is {p.Task}, but the run declared {taskCount} tasks (0 to {taskCount - 1})"));
            if (p.Iteration < 0)
                errors.Add(($"points[{i}].iteration", "must be 0 or more"));
            if (!double.IsFinite(p.Value))
                errors.Add(($"points[{i}].value", "must be a finite number (not NaN or infinite)"));
            if (p.WallTimeMs is < 0)
                errors.Add(($"points[{i}].time", "must be a Unix time in milliseconds, 0 or more"));
        }
        return errors;
    }
}
