namespace ContinualDash.Training.Evaluation;

/// <summary>Accuracy and mean cross-entropy of the model after <paramref name="Iteration"/> updates on one task's data.</summary>
/// <param name="FullTestSet">True for the boundary evaluation on the full test set, false for the continual-evaluation subset.</param>
public sealed record EvaluationResult(int Iteration, int Task, double Accuracy, double Loss, int Samples, bool FullTestSet);
