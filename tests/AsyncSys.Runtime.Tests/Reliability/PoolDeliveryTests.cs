using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// Awaiters resumed on the thread pool must not wait behind one another: a continuation that blocks (here, waiting
/// synchronously for an operation that finished in the same reaping pass, a sync-over-async habit of older code) must
/// not hold up the awaiters resumed after it. With fixed batches of 8 per work item it did: the operation it waited for
/// was next in its own batch, on its own thread, and the wait never ended (36 rounds in 50 hit the 2 s timeout).
/// </summary>
public sealed class PoolDeliveryTests
{
    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    public async Task A_continuation_waiting_synchronously_for_an_operation_of_the_same_pass_is_not_left_waiting(IoBackend backend)
    {
        using IoRing ring = Backends.Create(backend, capacity: 64, name: "pool-delivery-" + backend);
        int waitedInVain = 0;
        for (int round = 0; round < 30; round++)
        {
            await ReliabilityAssert.Within(Task.Run(async () =>
            {
                // Submitted back to back: one io_uring_enter, completed in one pass.
                ValueTask first = ring.NopAsync();
                Task[] others = Enumerable.Range(0, 15).Select(_ => ring.NopAsync().AsTask()).ToArray();
                await first; // resumes on a pool thread, among the others' awaiters
                if (!Task.WaitAll(others, TimeSpan.FromSeconds(5)))
                {
                    Interlocked.Increment(ref waitedInVain);
                    Task.WaitAll(others); // they finish once this thread lets go: no operation is lost either way
                }
            }), $"round {round}");
        }

        Assert.Equal(0, waitedInVain);
        Assert.Equal(0, ring.InFlightCount);
    }

    [Fact]
    public async Task Many_awaiters_resumed_on_the_pool_each_resume_once()
    {
        using IoRing ring = Backends.Create(IoBackend.IoUring, capacity: 256, name: "pool-delivery-count");
        long resumed = 0;
        await ReliabilityAssert.Within(Task.WhenAll(Enumerable.Range(0, 128).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 500; i++)
            {
                await ring.NopAsync();
                Interlocked.Increment(ref resumed);
            }
        }))), "128 loops of 500 Nops");
        Assert.Equal(128 * 500, Interlocked.Read(ref resumed));
        // The count drops after each continuation has returned, which can be just after the loops were seen done.
        var backend = (AsyncSys.Backends.IoUring.IoUringBackend)ring.RingBackend;
        Assert.True(SpinWait.SpinUntil(() => backend.AwaitersOnPool == 0, TimeSpan.FromSeconds(5)), $"{backend.AwaitersOnPool} awaiters still counted on the pool");
    }
}
