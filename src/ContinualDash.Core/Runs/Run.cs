using ContinualDash.Core.Evaluation;

namespace ContinualDash.Core.Runs;

/// <summary>
/// One training run: a single seed of an experiment, or a run logged from an external script.
/// Status changes go through the transition methods, which refuse illegal moves.
/// </summary>
public sealed class Run
{
    private Run() { }

    public Run(string name, DateTime createdAt, long? experimentId = null)
    {
        Name = name;
        CreatedAt = createdAt;
        ExperimentId = experimentId;
    }

    public long Id { get; private set; }
    public long? ExperimentId { get; set; }
    public string Name { get; set; } = "";
    public string Status { get; private set; } = RunStatus.Queued;
    public int? Seed { get; set; }
    /// <summary>The run's configuration (hyper-parameters, benchmark, ...) as a JSON object.</summary>
    public string ConfigJson { get; set; } = "{}";
    /// <summary>Copied out of the configuration so the runs table can sort and filter on it.</summary>
    public string? Benchmark { get; set; }
    /// <inheritdoc cref="Benchmark"/>
    public string? Strategy { get; set; }
    public string? Notes { get; set; }
    public string? WorkerName { get; set; }
    /// <summary>1 for the first attempt; a retry after a lost worker or a failure increments it.</summary>
    public int Attempt { get; set; } = 1;
    public DateTime CreatedAt { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public string? Error { get; private set; }

    // Final continual-learning metrics, kept on the row so that a table of 10,000 runs sorts in the database.
    // Written only by RecordFinalMetrics, from the metrics engine (RunFinalMetrics).
    public double? FinalAvgAcc { get; private set; }
    public double? FinalMinAcc { get; private set; }
    public double? FinalWcAcc { get; private set; }
    public double? FinalBwt { get; private set; }
    public double? FinalForgetting { get; private set; }

    public List<RunTag> Tags { get; } = [];

    public bool IsFinal => RunStatus.IsFinal(Status);

    /// <summary>
    /// Stores avg-ACC, min-ACC, WC-ACC, BWT and forgetting (FORG, first vs last) of the last task that ended
    /// (METRICS.md S3, per boundary); null clears them (no task has ended).
    /// </summary>
    public void RecordFinalMetrics(BoundaryMetrics? last)
    {
        FinalAvgAcc = last?.AvgAcc;
        FinalMinAcc = last?.MinAcc;
        FinalWcAcc = last?.WcAcc;
        FinalBwt = last?.Bwt;
        FinalForgetting = last?.AvgForg;
    }

    /// <summary>Queued → Running. A retried attempt starts again from Queued.</summary>
    public void Start(DateTime now, string? workerName)
    {
        if (Status != RunStatus.Queued)
            throw new InvalidOperationException($"run {Id} cannot start: it is {Status}");
        Status = RunStatus.Running;
        StartedAt ??= now;
        WorkerName = workerName;
    }

    /// <summary>Running → Queued, for another attempt after a lost worker or a retryable failure.</summary>
    public void Requeue()
    {
        if (Status != RunStatus.Running)
            throw new InvalidOperationException($"run {Id} cannot be requeued: it is {Status}");
        Status = RunStatus.Queued;
        Attempt++;
    }

    /// <summary>Moves to a final state. Finishing twice, or finishing into a non-final state, is refused.</summary>
    public void Finish(string finalStatus, DateTime now, string? error = null)
    {
        if (!RunStatus.IsFinal(finalStatus))
            throw new ArgumentException($"'{finalStatus}' is not a final status", nameof(finalStatus));
        if (IsFinal)
            throw new InvalidOperationException($"run {Id} is already {Status}");
        if (finalStatus == RunStatus.Succeeded && Status != RunStatus.Running)
            throw new InvalidOperationException($"run {Id} cannot succeed: it is {Status}");
        Status = finalStatus;
        FinishedAt = now;
        Error = error;
    }
}
