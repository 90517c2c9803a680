using System.Text.Json;
using System.Threading.Channels;
using ContinualDash.Core.Queue;
using ContinualDash.Training.Data;
using ContinualDash.Training.Experiments;
using ContinualDash.Worker.Commands;

namespace ContinualDash.Worker.Builtin;

/// <summary>
/// Runs a builtin job: the trainer on the job's <see cref="ExperimentSpec"/>, on a dedicated thread (training
/// is CPU-bound and long; it must not hold a thread-pool thread), with its sink feeding the job's batched
/// reporters. The trainer checks the token every iteration, so a cancel stops it within one iteration.
/// </summary>
internal static class BuiltinJobRunner
{
    /// <summary>Log a progress line every this many iterations.</summary>
    public const int ProgressEvery = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<(JobOutcome Outcome, string? Error)> RunAsync(string payloadJson, string dataDirectory, string threadName,
        Func<MetricRecord, ValueTask> onRecord, Func<string, ValueTask> onLog, TimeProvider time, CancellationToken stopJob)
    {
        ExperimentSpec spec;
        try
        {
            spec = (JsonSerializer.Deserialize<ExperimentSpec>(payloadJson, Json) ?? throw new JsonException("null spec"))
                with { DataDirectory = dataDirectory };
        }
        catch (JsonException e)
        {
            return (JobOutcome.Failed, $"payload: not an experiment spec: {e.Message}");
        }
        if (spec.Validate() is [var first, ..])
            return (JobOutcome.Failed, $"{first.Field}: {first.Message}");

        using var stopTraining = CancellationTokenSource.CreateLinkedTokenSource(stopJob);
        var events = Channel.CreateBounded<TrainerEvent>(new BoundedChannelOptions(10_000) { SingleReader = true, SingleWriter = true });
        var sink = new TrainerEventSink(events.Writer, time, ProgressEvery, stopTraining.Token);
        var finished = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Train(spec, sink, events.Writer, finished, stopTraining.Token))
        {
            IsBackground = true,
            Name = threadName,
        };
        thread.Start();
        try
        {
            await foreach (var e in events.Reader.ReadAllAsync(CancellationToken.None))
            {
                if (e.Record is { } record) await onRecord(record);
                if (e.LogLine is { } line) await onLog(line);
            }
        }
        finally
        {
            // If reporting broke off, the trainer must not go on (or wait on a full channel) for nobody.
            await stopTraining.CancelAsync();
        }

        try
        {
            var iterations = await finished.Task;
            await onLog($"done: {iterations} iterations");
            return (JobOutcome.Succeeded, null);
        }
        catch (OperationCanceledException)
        {
            return (JobOutcome.Cancelled, "cancelled");
        }
        catch (Exception e)
        {
            return (JobOutcome.Failed, e.Message.ReplaceLineEndings(" "));
        }
    }

    private static void Train(ExperimentSpec spec, TrainerEventSink sink, ChannelWriter<TrainerEvent> events,
        TaskCompletionSource<int> finished, CancellationToken ct)
    {
        try
        {
            sink.Log($"loading {spec.DataDirectory}");
            var (train, test) = ImageDatasetFiles.Load(spec.DataDirectory);
            sink.Log($"training {spec.Strategy} on {spec.Benchmark}: {spec.Tasks} tasks, seed {spec.Seed}, {train.Count} training images");
            finished.SetResult(ExperimentRunner.Run(spec, train, test, sink, ct));
        }
        catch (Exception e)
        {
            // Every failure, including a bug in the trainer, ends the job with its message instead of killing the process.
            finished.SetException(e);
        }
        finally
        {
            events.TryComplete();
        }
    }
}
