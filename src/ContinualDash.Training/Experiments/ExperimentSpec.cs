namespace ContinualDash.Training.Experiments;

/// <summary>
/// Everything that defines a built-in training run. Defaults (with <see cref="Strategy"/> = "er") reproduce
/// the paper's Split-MNIST ER protocol on Fashion-MNIST (mattdl/ContinualEvaluation, reproduce/configs/splitmnist_ER.yaml): 5 class-incremental
/// tasks of 2 classes, MLP 784-400-400-10, SGD lr 0.01 momentum 0.9, batch 256, 10 epochs per task,
/// evaluation after every update on 1000 test samples per seen task. Check <see cref="ExperimentSpecValidator.Validate"/>
/// before running.
/// </summary>
public sealed record ExperimentSpec
{
    /// <summary>"split", "permuted" or "rotated", optionally suffixed with the data set ("split-fmnist").</summary>
    public string Benchmark { get; init; } = "split-fmnist";

    /// <summary>"class", "task" or "domain"; null: class for split, domain for permuted and rotated.</summary>
    public string? Scenario { get; init; }

    /// <summary>Number of tasks (split: must divide the number of classes).</summary>
    public int Tasks { get; init; } = 5;

    /// <summary>Split only: the class order (a permutation of all classes); null keeps 0..C-1 unless <see cref="ShuffleClasses"/>.</summary>
    public IReadOnlyList<int>? ClassOrder { get; init; }

    /// <summary>Split only: shuffle the class order with <see cref="Seed"/>.</summary>
    public bool ShuffleClasses { get; init; }

    /// <summary>Rotated only: one angle in degrees per task; null spreads <see cref="Tasks"/> angles over [0, 180).</summary>
    public IReadOnlyList<double>? Angles { get; init; }

    /// <summary>Directory of MNIST-format IDX files.</summary>
    public string DataDirectory { get; init; } = Data.ImageDatasetFiles.DefaultDirectory;

    /// <summary>Hidden layer widths of the MLP.</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [400, 400];

    /// <summary>"sgd" or "adam".</summary>
    public string Optimizer { get; init; } = "sgd";

    public double LearningRate { get; init; } = 0.01;

    /// <summary>SGD momentum (0 for plain SGD).</summary>
    public double Momentum { get; init; } = 0.9;

    public double WeightDecay { get; init; }

    /// <summary>New samples per iteration.</summary>
    public int BatchSize { get; init; } = 256;

    public int EpochsPerTask { get; init; } = 10;

    /// <summary>Evaluate every this many iterations.</summary>
    public int EvalPeriod { get; init; } = 1;

    /// <summary>Size of each task's fixed evaluation subset.</summary>
    public int EvalSubsetSize { get; init; } = 1000;

    public bool EvalFutureTasks { get; init; }

    /// <summary>Evaluate the untrained model at iteration 0.</summary>
    public bool EvalInitialModel { get; init; } = true;

    /// <summary>Evaluate every task's full test set at each boundary.</summary>
    public bool EvalFullTestSets { get; init; } = true;

    /// <summary>"finetune", "joint", "er", "agem", "ewc", "lwf" or "si".</summary>
    public string Strategy { get; init; } = "finetune";

    /// <summary>ER and A-GEM: memory size in samples.</summary>
    public int MemorySize { get; init; } = 2000;

    /// <summary>ER: replayed samples per iteration; A-GEM: samples for the reference gradient.</summary>
    public int ReplayBatchSize { get; init; } = 256;

    /// <summary>ER: weight of the new samples' mean loss (the replayed ones get 1 - this).</summary>
    public double ReplayNewWeight { get; init; } = 0.3;

    /// <summary>ER and A-GEM: "class-balanced" or "reservoir".</summary>
    public string ReplaySelection { get; init; } = "class-balanced";

    /// <summary>EWC: penalty strength λ.</summary>
    public double EwcLambda { get; init; } = 100;

    /// <summary>EWC (online): decay γ of the previous importance.</summary>
    public double EwcDecay { get; init; } = 1.0;

    /// <summary>LwF: weight of the distillation loss.</summary>
    public double LwfAlpha { get; init; } = 1.0;

    /// <summary>LwF: softmax temperature.</summary>
    public double LwfTemperature { get; init; } = 2.0;

    /// <summary>SI: penalty strength c.</summary>
    public double SiLambda { get; init; } = 1.0;

    /// <summary>SI: damping ξ.</summary>
    public double SiEpsilon { get; init; } = 0.1;

    public int Seed { get; init; }
}
