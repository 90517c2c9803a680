namespace ContinualDash.Training.Numerics;

/// <summary>
/// A dedicated helper thread that joins work offered by whichever thread is computing. Offering never
/// waits: the offering thread does all the work itself unless the helper picks some of it up, which
/// matters on a shared machine where the helper may not get a core for milliseconds (with a fixed split
/// in halves, every call waited for the slower half). A training step issues about a dozen matrix
/// multiplies of a few hundred microseconds each, so the hand-off must not allocate either.
/// </summary>
internal sealed class ParallelPair
{
    private static readonly Lazy<ParallelPair> Shared = new(() => new ParallelPair());

    private readonly ManualResetEventSlim _start = new(false, spinCount: 2000);
    private Action? _pending;

    private ParallelPair()
    {
        var thread = new Thread(HelperLoop) { IsBackground = true, Name = "ContinualDash GEMM helper" };
        thread.Start();
    }

    /// <summary>True when a second core exists to run the helper on.</summary>
    public static bool Available => Environment.ProcessorCount > 1;

    /// <summary>
    /// Asks the helper to run <paramref name="work"/> once, if it is not already asked to run something.
    /// <paramref name="work"/> must be safe to run at any later time, including after the offering call
    /// has finished (see <see cref="GemmCall"/>: a late helper finds no chunk left and returns).
    /// </summary>
    public static void Offer(Action work)
    {
        if (!Available)
            return;
        var pair = Shared.Value;
        if (Interlocked.CompareExchange(ref pair._pending, work, null) is null)
            pair._start.Set();
    }

    private void HelperLoop()
    {
        while (true)
        {
            _start.Wait();
            // Reset before taking the work: an offer made after this point sets the event again.
            _start.Reset();
            Interlocked.Exchange(ref _pending, null)?.Invoke();
        }
    }
}
