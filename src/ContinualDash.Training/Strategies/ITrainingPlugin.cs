namespace ContinualDash.Training.Strategies;

/// <summary>
/// A continual-learning method as hooks on the one training loop (Avalanche's plugin idea with a small,
/// typed hook set). Every hook has a no-op default; a strategy overrides what it needs.
/// Order within an iteration: BeforeForward, forward + loss, AfterLoss, backward, AfterBackward,
/// optimizer step, AfterUpdate.
/// </summary>
public interface ITrainingPlugin
{
    /// <summary>Before the first iteration of <see cref="TrainingContext.Task"/>.</summary>
    void BeforeTask(TrainingContext context) { }

    /// <summary>The batch holds the new samples (weights 1/n); add replayed samples or change weights here.</summary>
    void BeforeForward(TrainingContext context) { }

    /// <summary>Logits and dLoss/dLogits are computed; add extra loss terms on the outputs here.</summary>
    void AfterLoss(TrainingContext context) { }

    /// <summary>Parameter gradients are computed; add penalty gradients or project them here.</summary>
    void AfterBackward(TrainingContext context) { }

    /// <summary>After the optimizer step; <see cref="TrainingContext.Iteration"/> has been incremented.</summary>
    void AfterUpdate(TrainingContext context) { }

    /// <summary>After the last iteration of the task (before the boundary evaluation).</summary>
    void AfterTask(TrainingContext context) { }
}
