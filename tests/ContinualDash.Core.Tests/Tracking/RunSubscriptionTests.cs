using ContinualDash.Core.Points;
using ContinualDash.Core.Tracking;

namespace ContinualDash.Core.Tests.Tracking;

public sealed class RunSubscriptionTests
{
    [Fact]
    public void PointsCommitted_BeyondTheBuffer_DropsUntilTheReaderTakesTheOverflowSoTheQueueNeverSkips()
    {
        var notifier = new TrackingNotifier();
        using var feed = notifier.Subscribe(7);
        var big = Points(1, RunSubscription.MaxBufferedPoints - 10);
        var wake = feed.Next;

        notifier.PointsCommitted(7, big);
        notifier.PointsCommitted(7, Points(100_001, 20)); // does not fit: dropped
        notifier.PointsCommitted(7, Points(100_021, 1)); // would fit, but comes after a gap: dropped too
        notifier.PointsCommitted(8, Points(1, 5)); // another run: not this feed's

        Assert.True(wake.IsCompleted);
        Assert.True(feed.TryTake(out var first));
        Assert.Same(big, first);
        Assert.False(feed.TryTake(out _));
        Assert.True(feed.TakeOverflow(), "the reader learns it must catch up from the database");
        Assert.False(feed.TakeOverflow());

        notifier.PointsCommitted(7, Points(100_022, 3));
        Assert.True(feed.TryTake(out var after));
        Assert.Equal(100_022, after[0].Id);
    }

    [Fact]
    public void RunChanged_WakesTheRunsFeedsAndOnlyStatusWakesTheList()
    {
        var notifier = new TrackingNotifier();
        using var feed = notifier.Subscribe(3);
        using var other = notifier.Subscribe(4);
        var list = notifier.NextStatusChange;

        notifier.RunChanged(3, status: false);
        Assert.True(feed.TakeChanged());
        Assert.False(other.TakeChanged());
        Assert.False(list.IsCompleted);

        notifier.RunChanged(4, status: true);
        Assert.True(other.TakeChanged());
        Assert.True(list.IsCompleted);
    }

    [Fact]
    public void Dispose_StopsDelivery()
    {
        var notifier = new TrackingNotifier();
        var feed = notifier.Subscribe(5);
        feed.Dispose();

        Assert.False(notifier.IsWatched(5));
        notifier.PointsCommitted(5, Points(1, 2));
        Assert.False(feed.TryTake(out _));
    }

    private static List<RunPoint> Points(long firstId, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new RunPoint(firstId + i, "accuracy", 0, firstId + i, 0.5, 0, 1))];
}
