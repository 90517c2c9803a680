namespace ContinualDash.Core.Evaluation;

/// <summary>
/// The optional parts of an accuracy log (METRICS.md S7): the WF/WP window and the per-task side data.
/// Lists are indexed by task; a missing or null entry means "not given" for that task.
/// </summary>
/// <param name="Window">w of WF^w and WP^w, counted in evaluations of a task (S3.7). Default 10.</param>
/// <param name="RandomInitAccuracy">b_i of FWT (S3.4), fractions.</param>
/// <param name="EvalSetSizes">n_i of <c>avg_acc_pooled</c> (S3.1), positive.</param>
/// <param name="ReferenceAccuracy">a*_k of intransigence (S3.8), fractions.</param>
public sealed record MetricsSettings(
    int Window = MetricsSettings.DefaultWindow,
    IReadOnlyList<double?>? RandomInitAccuracy = null,
    IReadOnlyList<double?>? EvalSetSizes = null,
    IReadOnlyList<double?>? ReferenceAccuracy = null)
{
    /// <summary>The window used when the log gives none (METRICS.md S7).</summary>
    public const int DefaultWindow = 10;
}
