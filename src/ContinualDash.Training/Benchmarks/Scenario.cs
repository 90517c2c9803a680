namespace ContinualDash.Training.Benchmarks;

/// <summary>How tasks relate to the output layer (van de Ven and Tolias' three scenarios).</summary>
public enum Scenario
{
    /// <summary>One shared head over all classes; the task identity is not given at test time.</summary>
    ClassIncremental,

    /// <summary>One head per task (its classes' outputs only); the task identity is given.</summary>
    TaskIncremental,

    /// <summary>Same classes in every task, input distribution changes (permutations, rotations).</summary>
    DomainIncremental,
}
