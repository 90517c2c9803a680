using ContinualDash.Core.Queue;
using Microsoft.Extensions.Options;

namespace ContinualDash.Core.Tests.Queue;

public sealed class RetryBackoffTests
{
    [Fact]
    public void After_SuccessiveAttempts_DoublesWithinJitterUpToCap()
    {
        var options = Options.Create(new QueueOptions
        {
            RetryBaseDelay = TimeSpan.FromSeconds(10), RetryMaxDelay = TimeSpan.FromSeconds(35), RetryJitter = 0.5,
        });
        var backoff = new RetryBackoff(options, new Random(3));

        var delays = Enumerable.Range(1, 4).Select(backoff.After).Select(d => d.TotalSeconds).ToArray();

        Assert.InRange(delays[0], 10, 15);
        Assert.InRange(delays[1], 20, 30);
        Assert.InRange(delays[2], 35, 52.5);
        Assert.InRange(delays[3], 35, 52.5);
    }

    [Fact]
    public void After_SameSeed_SameDelays()
    {
        var options = Options.Create(new QueueOptions());

        var a = new RetryBackoff(options, new Random(11)).After(1);
        var b = new RetryBackoff(options, new Random(11)).After(1);
        var c = new RetryBackoff(options, new Random(12)).After(1);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}
