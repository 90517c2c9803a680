using ContinualDash.Training.Benchmarks;
using ContinualDash.Training.Data;
using ContinualDash.Training.Models;
using ContinualDash.Training.Numerics;
using ContinualDash.Training.Optimization;

namespace ContinualDash.Training.Strategies;

/// <summary>
/// What the training loop shares with its plugins: the model, optimiser, stream, the current task and
/// iteration, the current batch with its logits and loss, and one seeded random generator (so that every
/// random choice of every plugin is reproducible from the experiment's seed).
/// </summary>
public sealed class TrainingContext(Sequential model, IOptimizer optimizer, TaskStream stream, Random random)
{
    private readonly Tensor _scratchGrad = new(0, 0);

    /// <summary>The model being trained.</summary>
    public Sequential Model { get; } = model;

    /// <summary>The optimiser updating <see cref="Model"/>.</summary>
    public IOptimizer Optimizer { get; } = optimizer;

    /// <summary>The whole task stream.</summary>
    public TaskStream Stream { get; } = stream;

    /// <summary>Seeded generator for shuffling and sampling.</summary>
    public Random Random { get; } = random;

    /// <summary>The task being trained.</summary>
    public ContinualTask Task { get; internal set; } = stream.Tasks[0];

    /// <summary>
    /// What the loop draws this task's batches from: the task's training set, unless a plugin replaces it in
    /// BeforeTask (Joint trains on the union of all tasks seen so far).
    /// </summary>
    public LabeledImages TrainingData { get; set; } = stream.Tasks[0].Train;

    /// <summary>Class mask per sample of <see cref="TrainingData"/>; null: the task's mask for every sample.</summary>
    public bool[]?[]? TrainingMasks { get; set; }

    /// <summary>Number of optimizer updates done so far (METRICS.md S1).</summary>
    public int Iteration { get; internal set; }

    /// <summary>The current iteration's samples.</summary>
    public MiniBatch Batch { get; } = new();

    /// <summary>Logits of <see cref="Batch"/> (valid from AfterLoss to the next BeforeForward).</summary>
    public Tensor Logits { get; internal set; } = new(0, 0);

    /// <summary>dLoss/dLogits of the current batch; plugins may add to it in AfterLoss.</summary>
    public Tensor GradLogits { get; } = new(0, 0);

    /// <summary>Loss of the current iteration; plugins add their terms.</summary>
    public double Loss { get; set; }

    /// <summary>
    /// Forward and backward of <paramref name="batch"/> on <see cref="Model"/>, leaving its gradients in the
    /// parameters and returning its weighted loss. For plugins that need a second gradient (A-GEM's reference
    /// gradient, EWC's Fisher information); it overwrites the gradients and activations of the main batch.
    /// </summary>
    public double ComputeGradients(MiniBatch batch)
    {
        var logits = Model.Forward(batch.Features);
        var loss = SoftmaxCrossEntropy.Compute(logits, batch.Labels, batch.Weights, batch.Masks, _scratchGrad);
        Model.Backward(_scratchGrad);
        return loss;
    }
}
