namespace ContinualDash.Core.Evaluation;

/// <summary>One entry of an accuracy log: the accuracy A_task(iteration) of METRICS.md S1.</summary>
/// <param name="Iteration">Number of optimizer updates completed when the model was evaluated (t, S1).</param>
/// <param name="Task">0-based task index.</param>
/// <param name="Accuracy">Accuracy as a fraction in [0, 1].</param>
public readonly record struct TaskAccuracy(int Iteration, int Task, double Accuracy);
