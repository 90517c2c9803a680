namespace ContinualDash.Training.Numerics;

/// <summary>
/// Runs one piece of work on the calling thread and a second piece on a dedicated helper thread. A training
/// step issues about a dozen matrix multiplies of a few hundred microseconds each, so the hand-off must
/// neither allocate (as Parallel.For's closures do) nor sleep: the helper spins briefly before blocking.
/// Only one caller at a time gets the helper; concurrent callers run both halves themselves, which gives
/// the same numbers because each half writes its own columns.
/// </summary>
internal sealed class ParallelPair
{
    private static readonly Lazy<ParallelPair> Shared = new(() => new ParallelPair());

    private readonly ManualResetEventSlim _start = new(false, spinCount: 2000);
    private readonly ManualResetEventSlim _done = new(false, spinCount: 2000);
    private readonly object _gate = new();
    private Action<int>? _work;
    private Exception? _failure;

    private ParallelPair()
    {
        var thread = new Thread(HelperLoop) { IsBackground = true, Name = "ContinualDash GEMM helper" };
        thread.Start();
    }

    /// <summary>True when a second core exists to run half of the work.</summary>
    public static bool Available => Environment.ProcessorCount > 1;

    /// <summary>Runs <c>work(0)</c> here and <c>work(1)</c> on the helper, returning when both are done.</summary>
    public static void Run(Action<int> work)
    {
        if (!Available)
        {
            work(0);
            work(1);
            return;
        }
        Shared.Value.RunPair(work);
    }

    private void RunPair(Action<int> work)
    {
        if (!Monitor.TryEnter(_gate))
        {
            work(0);
            work(1);
            return;
        }
        try
        {
            _work = work;
            _failure = null;
            _done.Reset();
            _start.Set();
            work(0);
            _done.Wait();
            _work = null;
            if (_failure is not null)
                throw new AggregateException(_failure);
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    private void HelperLoop()
    {
        while (true)
        {
            _start.Wait();
            _start.Reset();
            try
            {
                _work!(1);
            }
            catch (Exception e)
            {
                _failure = e;
            }
            _done.Set();
        }
    }
}
