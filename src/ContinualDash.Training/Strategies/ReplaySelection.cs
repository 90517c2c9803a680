namespace ContinualDash.Training.Strategies;

/// <summary>How a replay memory decides which samples to keep.</summary>
public enum ReplaySelection
{
    /// <summary>At the end of each task, an equal share of the memory per class seen so far (the paper's ER).</summary>
    ClassBalanced,

    /// <summary>Reservoir sampling over every new sample seen: a uniform sample of the stream so far.</summary>
    Reservoir,
}
