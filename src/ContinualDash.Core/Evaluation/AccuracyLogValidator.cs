using System.Globalization;

namespace ContinualDash.Core.Evaluation;

/// <summary>
/// The input checks of METRICS.md S5 (last row) and S7, with one-line messages that name the field as it is
/// spelled in the S7 JSON (<c>evals[3].accuracy</c>), so the command, the API and the engine say the same.
/// </summary>
internal static class AccuracyLogValidator
{
    /// <summary>
    /// Validates the log (<paramref name="evals"/> are its evaluations) and returns their order by
    /// (iteration, task), or null if they are already in order.
    /// </summary>
    public static int[]? Validate(AccuracyLog log, ReadOnlySpan<TaskAccuracy> evals)
    {
        var boundaries = log.TaskBoundaries;
        var numTasks = boundaries.Count;
        if (numTasks == 0) throw new MetricsInputException("task_boundaries: at least one task boundary is needed");
        if (boundaries[0] < 0) throw new MetricsInputException($"task_boundaries[0] = {boundaries[0]} is negative");
        for (var k = 1; k < numTasks; k++)
        {
            if (boundaries[k] <= boundaries[k - 1])
                throw new MetricsInputException(
                    $"task_boundaries must be strictly increasing: task_boundaries[{k}] = {boundaries[k]} is not after task_boundaries[{k - 1}] = {boundaries[k - 1]}");
        }
        ValidateSettings(log.Settings, numTasks);

        var lastBoundary = boundaries[^1];
        var sorted = true;
        for (var j = 0; j < evals.Length; j++)
        {
            var (t, task, acc) = evals[j];
            if (task < 0 || task >= numTasks)
                throw new MetricsInputException($"evals[{j}].task = {task} is not a task index (0..{numTasks - 1})");
            if (t < 0)
                throw new MetricsInputException($"evals[{j}].iteration = {t} is negative");
            if (t > lastBoundary)
                throw new MetricsInputException($"evals[{j}].iteration = {t} is after the last task boundary {lastBoundary}");
            if (AccuracyProblem(acc) is { } problem)
                throw new MetricsInputException($"evals[{j}].accuracy {problem}");
            if (j > 0 && sorted) sorted = Key(evals[j - 1], numTasks) < Key(evals[j], numTasks);
        }
        if (sorted) return null;

        var keys = new long[evals.Length];
        var order = new int[evals.Length];
        for (var j = 0; j < keys.Length; j++)
        {
            keys[j] = Key(evals[j], numTasks);
            order[j] = j;
        }
        Array.Sort(keys, order);
        for (var j = 1; j < keys.Length; j++)
        {
            if (keys[j] != keys[j - 1]) continue;
            var (first, second) = (Math.Min(order[j - 1], order[j]), Math.Max(order[j - 1], order[j]));
            var e = evals[second];
            throw new MetricsInputException(
                $"evals[{second}] repeats (iteration {e.Iteration}, task {e.Task}) of evals[{first}]");
        }
        return order;
    }

    /// <summary>Checks the window and the per-task lists against T.</summary>
    public static void ValidateSettings(MetricsSettings settings, int numTasks)
    {
        if (settings.Window < 1)
            throw new MetricsInputException($"window = {settings.Window} must be at least 1");
        CheckList("random_init_accuracy", settings.RandomInitAccuracy, numTasks, AccuracyProblem);
        CheckList("reference_accuracy", settings.ReferenceAccuracy, numTasks, AccuracyProblem);
        CheckList("eval_set_sizes", settings.EvalSetSizes, numTasks,
            n => double.IsFinite(n) && n > 0 ? null : $"= {Format(n)} must be a positive number");
    }

    /// <summary>Why a value is not an accuracy (a finite fraction in [0, 1]), or null if it is one.</summary>
    public static string? AccuracyProblem(double value)
    {
        if (!double.IsFinite(value)) return $"= {Format(value)} is not a number in [0, 1]";
        if (value is < 0 or > 1)
        {
            return value > 1 && value <= 100
                ? $"= {Format(value)} is not a fraction in [0, 1] (percentages must be divided by 100)"
                : $"= {Format(value)} is not a fraction in [0, 1]";
        }
        return null;
    }

    private static void CheckList(string name, IReadOnlyList<double?>? values, int numTasks, Func<double, string?> problem)
    {
        if (values is null) return;
        if (values.Count > numTasks)
            throw new MetricsInputException($"{name} has {values.Count} entries but there are {numTasks} tasks");
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v && problem(v) is { } reason)
                throw new MetricsInputException($"{name}[{i}] {reason}");
        }
    }

    private static long Key(TaskAccuracy e, int numTasks) => (long)e.Iteration * numTasks + e.Task;

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
