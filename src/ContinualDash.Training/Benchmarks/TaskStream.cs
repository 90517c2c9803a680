namespace ContinualDash.Training.Benchmarks;

/// <summary>An ordered sequence of tasks sharing one input size and one output layer width.</summary>
/// <param name="Name">Short name, e.g. "split-fmnist".</param>
/// <param name="ClassCount">Width of the output layer.</param>
public sealed record TaskStream(string Name, Scenario Scenario, int FeatureSize, int ClassCount, IReadOnlyList<ContinualTask> Tasks);
