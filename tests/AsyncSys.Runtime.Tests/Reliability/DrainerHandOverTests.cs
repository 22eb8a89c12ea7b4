using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Operations;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// The futex a pool drainer sleeps on while it waits for the ring's next completions (<see cref="DrainerHandOver"/>):
/// a hand-over is never lost, whether it comes before, during or after the sleep, and only one drainer waits at a time.
/// </summary>
public sealed class DrainerHandOverTests
{
    [Fact]
    public void Only_one_drainer_waits_at_a_time_and_a_hand_over_needs_a_waiter()
    {
        var handOver = new DrainerHandOver();
        Assert.False(handOver.TryHandOver()); // nobody waits: the caller must ask the pool instead
        Assert.True(handOver.TryBeginWait());
        Assert.False(handOver.TryBeginWait());
        Assert.True(handOver.IsWaiting);
        Assert.True(handOver.TryHandOver());
        Assert.True(handOver.IsHandedOver);
        Assert.False(handOver.TryHandOver()); // handed over once: a second one finds no waiter
        handOver.EndWait();
        Assert.False(handOver.IsHandedOver);
        Assert.True(handOver.TryBeginWait()); // free again
        handOver.EndWait();
    }

    [Fact]
    public void A_hand_over_before_the_sleep_ends_it_at_once()
    {
        var handOver = new DrainerHandOver();
        Assert.True(handOver.TryBeginWait());
        Assert.True(handOver.TryHandOver());
        var clock = Stopwatch.StartNew();
        handOver.Wait(10_000_000); // 10 s: the futex sees the word changed and does not sleep
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"slept {clock.Elapsed} though handed over before");
        handOver.EndWait();
    }

    [Fact]
    public void A_wait_nobody_ends_ends_by_itself()
    {
        var handOver = new DrainerHandOver();
        Assert.True(handOver.TryBeginWait());
        var clock = Stopwatch.StartNew();
        handOver.Wait(1000);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"a 1 ms wait took {clock.Elapsed}");
        Assert.True(handOver.IsWaiting); // a timeout changes nothing: the drainer ends its wait itself
        handOver.EndWait();
    }

    [Fact]
    public async Task A_hand_over_wakes_a_drainer_asleep_on_it()
    {
        var handOver = new DrainerHandOver();
        for (int round = 0; round < 20; round++)
        {
            Assert.True(handOver.TryBeginWait());
            using var asleep = new ManualResetEventSlim();
            Task drainer = Task.Factory.StartNew(() =>
            {
                asleep.Set();
                handOver.Wait(30_000_000); // 30 s: only the hand-over ends it within the test's bound
            }, TaskCreationOptions.LongRunning);
            Assert.True(asleep.Wait(TimeSpan.FromSeconds(10)));
            Thread.Sleep(2); // most rounds: the drainer is in the futex by now; the others check the early hand-over
            Assert.True(handOver.TryHandOver());
            await ReliabilityAssert.Within(drainer, $"round {round}: the drainer slept through its hand-over");
            handOver.EndWait();
        }
    }
}
