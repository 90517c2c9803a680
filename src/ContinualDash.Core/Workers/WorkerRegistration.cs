namespace ContinualDash.Core.Workers;

/// <summary>How a worker introduces itself when it starts: its unique id, a display name, the labels it
/// offers (e.g. <c>gpu</c>) and how many jobs it runs at once.</summary>
public sealed record WorkerRegistration(string Id, string Name, IReadOnlyList<string> Labels, int Slots, bool InProcess = false);
