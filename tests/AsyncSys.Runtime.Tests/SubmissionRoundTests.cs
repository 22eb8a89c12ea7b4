using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Backends.IoUring;
using AsyncSys.Runtime.Tests.Reliability;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// After resuming a batch of awaiters on the thread pool, the ring thread waits (briefly, bounded) for them to submit
/// again, so a round goes to the kernel in one io_uring_enter. What must hold whatever the timing: every operation
/// completes exactly once, entries submitted by other threads meanwhile are not held back by a continuation that
/// blocks, and the count of awaiters still on the pool returns to zero. Real io_uring rings.
/// </summary>
public sealed class SubmissionRoundTests
{
    private static IoRing Create(string name) =>
        IoRing.Create(new IoRingOptions { Backend = IoBackend.IoUring, Capacity = 256, Name = name });

    [Fact]
    public async Task Pool_loops_and_dedicated_threads_submitting_together_complete_every_operation_exactly_once()
    {
        using IoRing ring = Create("rounds-mixed");
        var backend = (IoUringBackend)ring.RingBackend;
        const int Loops = 64, PerLoop = 500, Threads = 2, PerThread = 2000;
        long completed = 0;
        using var stop = new CancellationTokenSource();

        // Pool loops: each completion is delivered in a pool batch, whose continuation submits the next operation.
        Task[] loops = Enumerable.Range(0, Loops).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < PerLoop; i++)
            {
                await ring.NopAsync().ConfigureAwait(false);
                Interlocked.Increment(ref completed);
            }
        })).ToArray();

        // Dedicated threads: their entries arrive while the ring thread may be waiting for the pool's round.
        Thread[] threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                ring.NopAsync().AsTask().Wait();
                Interlocked.Increment(ref completed);
            }
        })).ToArray();
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        await ReliabilityAssert.Within(Task.WhenAll(loops), "pool loops");
        foreach (Thread thread in threads)
        {
            ReliabilityAssert.Joins(thread, "a dedicated submitter");
        }

        Assert.Equal(Loops * PerLoop + Threads * PerThread, Interlocked.Read(ref completed));
        Assert.Equal(0, ring.InFlightCount);

        // Every batch counted in was counted out (a batch's count is taken back after its last continuation ran,
        // which may be just after the awaiter above resumed: give the pool a moment).
        SpinWait.SpinUntil(() => backend.AwaitersOnPool == 0, TimeSpan.FromSeconds(5));
        Assert.Equal(0, backend.AwaitersOnPool);
    }

    [Fact]
    public async Task A_continuation_blocking_on_the_pool_does_not_hold_back_what_other_threads_submit()
    {
        using IoRing ring = Create("rounds-blocked");
        var backend = (IoUringBackend)ring.RingBackend;
        using var release = new ManualResetEventSlim(false);
        int blockedNow = 0;

        // Two awaiters whose batches stay on the pool until released: the ring thread sees awaiters that never resubmit,
        // more of them than anyone else will queue entries for. A delay, not a Nop: a Nop can complete before its await
        // registers (a preempted submitter), and then its continuation runs inline, outside any batch.
        Task[] blocked = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await ring.DelayAsync(TimeSpan.FromMilliseconds(300)).ConfigureAwait(false);
            Interlocked.Increment(ref blockedNow);
            release.Wait(TimeSpan.FromSeconds(30));
        })).ToArray();
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref blockedNow) >= 1 && backend.AwaitersOnPool >= 2, TimeSpan.FromSeconds(15)), "the blocked continuations did not start");

        // Meanwhile another thread's operations still complete, one after another, while that batch is still blocked.
        int done = 0;
        var other = new Thread(() =>
        {
            for (int i = 0; i < 200; i++)
            {
                ring.NopAsync().AsTask().Wait();
                done++;
            }
        });
        other.Start();
        ReliabilityAssert.Joins(other, "operations submitted while a pool continuation blocks");
        Assert.Equal(200, done);
        Assert.True(backend.AwaitersOnPool >= 2, "the blocked continuations ended early: the test proved nothing");

        release.Set();
        await ReliabilityAssert.Within(Task.WhenAll(blocked), "the released continuations");
        SpinWait.SpinUntil(() => backend.AwaitersOnPool == 0, TimeSpan.FromSeconds(5));
        Assert.Equal(0, backend.AwaitersOnPool);
    }
}
