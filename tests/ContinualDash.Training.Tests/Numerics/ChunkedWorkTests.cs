using ContinualDash.Training.Numerics;

namespace ContinualDash.Training.Tests.Numerics;

public sealed class ChunkedWorkTests
{
    [Fact]
    public void RunPhase_WithHelper_RunsEveryChunkOfEveryPhaseOnce()
    {
        var runs = new int[3, 500];
        var phase = 0;
        var work = new ChunkedWork(chunk => Interlocked.Increment(ref runs[Volatile.Read(ref phase), chunk]));

        work.Begin(helper: true);
        try
        {
            for (; phase < 3; phase++)
                work.RunPhase(500);
        }
        finally
        {
            work.End();
        }

        Assert.All(runs.Cast<int>(), count => Assert.Equal(1, count));
    }

    [Fact]
    public void RunPhase_CallersChunkThrows_RethrowsOnlyAfterTheHelpersChunkEndsAndNextPhaseRuns()
    {
        // The caller's first chunk fails while the helper is inside a long chunk that fails too; RunPhase must
        // not let the caller unwind (and invalidate what chunks read) before the helper has left its chunk,
        // and the helper's failure must not surface in the next phase.
        var caller = Environment.CurrentManagedThreadId;
        int running = 0, helperInside = 0, thrown = 0, failing = 1;
        var done = new int[100];
        var work = new ChunkedWork(chunk =>
        {
            Interlocked.Increment(ref running);
            try
            {
                if (Volatile.Read(ref failing) == 1 && Environment.CurrentManagedThreadId == caller)
                {
                    // Safety bound only: without a helper thread the caller fails alone and the test still holds.
                    SpinWait.SpinUntil(() => Volatile.Read(ref helperInside) == 1, 5000);
                    Volatile.Write(ref thrown, 1);
                    throw new InvalidOperationException($"chunk {chunk} failed");
                }
                if (Volatile.Read(ref failing) == 1)
                {
                    Volatile.Write(ref helperInside, 1);
                    SpinWait.SpinUntil(() => Volatile.Read(ref thrown) == 1, 5000);
                    Busy(20_000_000);  // far longer than the caller's throw takes to reach the test
                    throw new InvalidOperationException("the helper's chunk failed too");
                }
                Interlocked.Increment(ref done[chunk]);
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        });

        work.Begin(helper: true);
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => work.RunPhase(100));
            Assert.EndsWith("failed", error.Message);
            Assert.Equal(0, Volatile.Read(ref running));

            Volatile.Write(ref failing, 0);
            Array.Clear(done);
            work.RunPhase(100);
        }
        finally
        {
            work.End();
        }

        Assert.All(done, count => Assert.Equal(1, count));
    }

    private static double Busy(int steps)
    {
        var x = 0.0;
        for (var i = 0; i < steps; i++) x += Math.Sqrt(i);
        return x;
    }
}
