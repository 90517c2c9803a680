namespace ContinualDash.Core.Evaluation;

/// <summary>
/// An accuracy log, or an evaluation or boundary given to <see cref="IncrementalEvaluator"/>, that METRICS.md
/// rejects (S5 last row, malformed JSON, unknown task, NaN). The message is one line naming the field, fit
/// for a CLI's stderr or a ProblemDetails detail.
/// </summary>
public sealed class MetricsInputException(string message) : Exception(message);
