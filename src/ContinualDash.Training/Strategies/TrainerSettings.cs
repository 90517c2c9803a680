namespace ContinualDash.Training.Strategies;

/// <summary>Settings of the training loop and its continual evaluation.</summary>
/// <param name="Epochs">Passes over each task's training data.</param>
/// <param name="BatchSize">New samples per iteration (the last batch of an epoch may be smaller).</param>
/// <param name="EvaluationPeriod">Evaluate every this many iterations (1: after every update).</param>
/// <param name="EvaluateFutureTasks">Also evaluate tasks not trained yet (for R's upper triangle and FWT).</param>
/// <param name="EvaluateInitialModel">Evaluate the untrained model at iteration 0.</param>
/// <param name="EvaluateFullTestSets">Evaluate every task's full test set at each task boundary.</param>
/// <param name="EvaluationBatchSize">Samples per forward pass during evaluation.</param>
/// <param name="Seed">Seeds shuffling and sampling.</param>
public sealed record TrainerSettings(
    int Epochs = 1,
    int BatchSize = 128,
    int EvaluationPeriod = 1,
    bool EvaluateFutureTasks = false,
    bool EvaluateInitialModel = true,
    bool EvaluateFullTestSets = true,
    int EvaluationBatchSize = 1000,
    int Seed = 0);
