using ContinualDash.Core.Runs;

namespace ContinualDash.Core.Tests.Runs;

public sealed class RunTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Start_FromQueued_MovesToRunningAndRecordsWorker()
    {
        var run = new Run("r", Now);
        run.Start(Now.AddSeconds(1), "w1");
        Assert.Equal(RunStatus.Running, run.Status);
        Assert.Equal("w1", run.WorkerName);
        Assert.Equal(Now.AddSeconds(1), run.StartedAt);
    }

    [Fact]
    public void Requeue_AfterStart_IncrementsAttemptAndKeepsFirstStartTime()
    {
        var run = new Run("r", Now);
        run.Start(Now.AddSeconds(1), "w1");
        run.Requeue();
        run.Start(Now.AddSeconds(5), "w2");
        Assert.Equal(2, run.Attempt);
        Assert.Equal(Now.AddSeconds(1), run.StartedAt);
    }

    [Fact]
    public void Finish_Twice_IsRefused()
    {
        var run = new Run("r", Now);
        run.Start(Now, null);
        run.Finish(RunStatus.Succeeded, Now.AddMinutes(1));
        Assert.True(run.IsFinal);
        Assert.Throws<InvalidOperationException>(() => run.Finish(RunStatus.Failed, Now.AddMinutes(2)));
        Assert.Equal(RunStatus.Succeeded, run.Status);
    }

    [Fact]
    public void Finish_QueuedRunAsSucceeded_IsRefusedButCancelIsAllowed()
    {
        var run = new Run("r", Now);
        Assert.Throws<InvalidOperationException>(() => run.Finish(RunStatus.Succeeded, Now));
        run.Finish(RunStatus.Cancelled, Now);
        Assert.Equal(RunStatus.Cancelled, run.Status);
    }

    [Fact]
    public void Finish_IntoNonFinalStatus_IsRefused()
    {
        var run = new Run("r", Now);
        Assert.Throws<ArgumentException>(() => run.Finish(RunStatus.Running, Now));
    }
}
