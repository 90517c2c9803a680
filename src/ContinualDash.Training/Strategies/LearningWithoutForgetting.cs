using ContinualDash.Training.Models;

namespace ContinualDash.Training.Strategies;

/// <summary>
/// Learning without Forgetting (Li and Hoiem, 2017): a frozen copy of the model from the end of the previous
/// task labels the new data, and α·T²·KL(p_old^T ‖ p_new^T) over the outputs of the classes seen before is
/// added to the loss (temperature T softens both distributions; T² keeps gradient scales comparable).
/// Gradient with respect to the new logits: α·T·(p_new^T - p_old^T) / n on those outputs.
/// </summary>
public sealed class LearningWithoutForgetting(double alpha, double temperature = 2.0) : ITrainingPlugin
{
    private Sequential? _previous;
    private bool[] _oldClasses = [];

    /// <summary>The distillation loss added in the last iteration (0 during the first task).</summary>
    public double LastDistillationLoss { get; private set; }

    /// <inheritdoc />
    public void AfterLoss(TrainingContext context)
    {
        LastDistillationLoss = 0;
        if (_previous is null)
            return;
        var batch = context.Batch;
        var oldLogits = _previous.Forward(batch.Features);
        var newLogits = context.Logits;
        var t = temperature;
        double total = 0;
        var classes = newLogits.Cols;
        Span<double> pOld = stackalloc double[classes];
        Span<double> pNew = stackalloc double[classes];
        for (var i = 0; i < batch.Count; i++)
        {
            Softmax(oldLogits.Row(i), t, pOld);
            Softmax(newLogits.Row(i), t, pNew);
            var grad = context.GradLogits.Row(i);
            for (var j = 0; j < classes; j++)
            {
                if (!_oldClasses[j] || pOld[j] <= 0) continue;
                total += pOld[j] * (Math.Log(pOld[j]) - Math.Log(Math.Max(pNew[j], 1e-30)));
            }
            for (var j = 0; j < classes; j++)
                if (_oldClasses[j])
                    grad[j] += (float)(alpha * t * (pNew[j] - pOld[j]) / batch.Count);
        }
        LastDistillationLoss = alpha * t * t * total / batch.Count;
        context.Loss += LastDistillationLoss;
    }

    /// <inheritdoc />
    public void AfterTask(TrainingContext context)
    {
        if (_previous is null)
            _previous = context.Model.Clone();
        else
            _previous.CopyParametersFrom(context.Model);
        if (_oldClasses.Length == 0)
            _oldClasses = new bool[context.Stream.ClassCount];
        foreach (var c in context.Task.Classes)
            _oldClasses[c] = true;
    }

    private void Softmax(ReadOnlySpan<float> logits, double t, Span<double> p)
    {
        var max = double.NegativeInfinity;
        for (var j = 0; j < logits.Length; j++)
            if (_oldClasses[j]) max = Math.Max(max, logits[j] / t);
        double sum = 0;
        for (var j = 0; j < logits.Length; j++)
        {
            p[j] = _oldClasses[j] ? Math.Exp(logits[j] / t - max) : 0;
            sum += p[j];
        }
        for (var j = 0; j < logits.Length; j++) p[j] /= sum;
    }
}
