using System.Diagnostics;
using ContinualDash.Testing;

namespace ContinualDash.Bench.Load;

/// <summary>
/// Run-list traffic during the load window: every <see cref="Interval"/> it finishes the run it created one
/// tick before and creates a new one, through the tracking API, and records the
/// <see cref="Stopwatch"/> time at which each request was answered. The run list's lag is a status event's
/// arrival minus the answer time of the request that caused it. Churn runs log no points.
/// </summary>
internal sealed class RunChurn(HttpClient http)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly List<HttpRunLogger> runs = [];
    private readonly Dictionary<long, (long Created, long Finished)> answered = [];

    public IReadOnlyList<HttpRunLogger> Runs => runs;

    /// <summary>Churns until <paramref name="deadline"/> on <paramref name="clock"/>, then finishes the last run.</summary>
    public async Task RunAsync(Stopwatch clock, TimeSpan deadline, CancellationToken ct)
    {
        HttpRunLogger? open = null;
        long created = 0;
        for (var tick = 0; clock.Elapsed < deadline; tick++)
        {
            var next = Interval * (tick + 1);
            if (open is not null) await FinishAsync(open, created, ct);
            open = new HttpRunLogger(http, $"churn-{tick}");
            runs.Add(open);
            await open.CreateAsync(ct);
            created = Stopwatch.GetTimestamp();
            if (next > clock.Elapsed) await Task.Delay(next - clock.Elapsed, ct);
        }
        if (open is not null) await FinishAsync(open, created, ct);
    }

    /// <summary>True when every list stream has seen every churn run's final status.</summary>
    public bool AllFinishedSeen(IEnumerable<SseSubscriber> lists) =>
        lists.All(list =>
        {
            var seen = list.Statuses.Where(s => IsFinished(s.Status)).Select(s => s.RunId).ToHashSet();
            return answered.Keys.All(seen.Contains);
        });

    /// <summary>Per status event of a churn run: arrival minus the answer of the create (an unfinished status)
    /// or of the finish. May be slightly negative: the server can send the event before its answer arrives.</summary>
    public IEnumerable<double> LagMs(SseSubscriber list) =>
        list.Statuses.Where(s => answered.ContainsKey(s.RunId)).Select(s =>
        {
            var (created, finished) = answered[s.RunId];
            var cause = IsFinished(s.Status) ? finished : created;
            return (s.ArrivedAt - cause) * 1000.0 / Stopwatch.Frequency;
        });

    /// <summary>Status changes the churn caused, per list stream: a create and a finish per run.</summary>
    public int Changes => answered.Count * 2;

    private async Task FinishAsync(HttpRunLogger run, long created, CancellationToken ct)
    {
        await run.FinishAsync(ct);
        answered[run.RunId] = (created, Stopwatch.GetTimestamp());
    }

    private static bool IsFinished(string status) => status.Equals("succeeded", StringComparison.OrdinalIgnoreCase);
}
