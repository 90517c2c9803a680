using ContinualDash.Training.Models;

namespace ContinualDash.Training.Optimization;

/// <summary>Updates parameters from their current gradients.</summary>
public interface IOptimizer
{
    /// <summary>Learning rate used by the next <see cref="Step"/>.</summary>
    double LearningRate { get; }

    /// <summary>One update of every parameter from its <see cref="Parameter.Grad"/>.</summary>
    void Step();
}
