namespace ContinualDash.Training.Evaluation;

/// <summary>The loss of the batch that produced update <paramref name="Iteration"/> and the learning rate it used.</summary>
public sealed record TrainingStepResult(int Iteration, int Task, double Loss, double LearningRate);
