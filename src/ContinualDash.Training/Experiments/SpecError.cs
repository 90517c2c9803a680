namespace ContinualDash.Training.Experiments;

/// <summary>One invalid field of an <see cref="ExperimentSpec"/> and why.</summary>
/// <param name="Field">The spec property's camelCase name, e.g. "learningRate".</param>
public sealed record SpecError(string Field, string Message);
