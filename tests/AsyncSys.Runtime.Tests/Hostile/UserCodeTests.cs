using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// User code that misbehaves: cancel hooks that throw or block, continuations that block for a long time, code on
/// the ring that throws (ARCHITECTURE invariant 7: a user callback that throws is isolated and reported).
/// </summary>
public sealed class UserCodeTests
{
    private static unsafe long BlockingRead(ref int fd)
    {
        byte b;
        return Sys.read(fd, &b, 1);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Cancel_hooks_that_throw_or_block_are_isolated_and_every_blocking_call_still_ends_once(IoBackend backend, DeliveryMode mode)
    {
        IoRing ring = Hostile.Create(backend, mode, o => o.RunShortBlockingCallsOnCaller = false);
        using var throwing = new RawPipe();
        using var slow = new RawPipe();
        using var stuck = new RawPipe();
        var ledger = new Ledger();

        await Hostile.Run(ring, mode, async () =>
        {
            using var first = new CancellationTokenSource();
            using var second = new CancellationTokenSource();
            Task<(Ending Ending, int Value, Exception?)> a = ledger.Track(
                async () => (int)(await ring.RunBlockingAsync(throwing.Read, BlockingRead, static _ => throw new InvalidTimeZoneException("hook"), first.Token)).ThrowIfFailed("read"),
                "call whose hook throws");
            Task<(Ending Ending, int Value, Exception?)> b = ledger.Track(
                async () => (int)(await ring.RunBlockingAsync(slow.Read, BlockingRead, static call => { Thread.Sleep(200); call.InterruptWorker(); }, second.Token)).ThrowIfFailed("read"),
                "call whose hook blocks");
            Task<(Ending Ending, int Value, Exception?)> c = ledger.Track(
                async () => (int)(await ring.RunBlockingAsync(stuck.Read, BlockingRead, static _ => throw new InvalidTimeZoneException("hook")))
                    .ThrowIfFailed("read"),
                "call whose hook throws under CancelAll");
            await Hostile.Until(() => ring.GetInFlightOperations().Count(o => o.State == InFlightState.OnWorker) >= 3, "the three calls run");

            // The throwing hook must not reach the canceller.
            await Task.Run(first.Cancel);
            await Task.Run(second.Cancel);
            ring.CancelAll();

            // The call whose hook threw is still blocked; bytes unblock it, and it returns them as its result.
            throwing.Put(1);
            Assert.Equal((Ending.Result, 1), ((await a).Ending, (await a).Value));
            Assert.Equal(Ending.Cancelled, (await b).Ending);

            // Dispose with a call whose hook throws: it is still unblocked by its bytes, and Dispose completes.
            Task dispose = Task.Run(ring.Dispose);
            await Task.Delay(10);
            stuck.Put(2);
            await dispose;
            await c;
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
        Assert.Empty(ring.Abandoned);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_continuation_that_blocks_for_a_long_time_loses_no_operation_submitted_meanwhile(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode, capacity: 32);
        using var pipe = new RawPipe();
        var others = Enumerable.Range(0, 16).Select(_ => new RawPipe()).ToArray();
        var ledger = new Ledger();
        using var release = new ManualResetEventSlim();
        TimeSpan block = TimeSpan.FromMilliseconds(Hostile.Long ? 3000 : 400);

        await Hostile.Run(ring, mode, async () =>
        {
            Task blocker = ledger.Track(async () =>
            {
                int n = await ring.ReadAsync(pipe.Read, new byte[1]);

                // Runs where the mode resumes: the ring's completion thread (inline, ring context on io_uring) or the pool.
                release.Wait(block);
                return n;
            }, "read whose continuation blocks");

            pipe.Put(1);
            Task<(Ending Ending, int Value, Exception?)>[] meanwhile = await Task.Run(() =>
            {
                var reads = others.Select(p => ledger.Track(() => ring.ReadAsync(p.Read, new byte[1]), "read meanwhile")).ToArray();
                foreach (RawPipe p in others)
                {
                    p.Put(3);
                }

                return reads;
            });
            release.Set();
            await blocker;
            await Task.WhenAll(meanwhile);
            Assert.All(meanwhile, m => Assert.Equal((Ending.Result, 1), (m.Result.Ending, m.Result.Value)));
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
        foreach (RawPipe p in others)
        {
            p.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Code_on_the_ring_that_throws_faults_only_its_own_task_and_the_ring_keeps_working(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var pipe = new RawPipe();

        for (int i = 0; i < 3; i++)
        {
            Task loop = ring.RunOnRingAsync(async () =>
            {
                await ring.NopAsync();
                throw new InvalidTimeZoneException("user code " + i);
            });
            InvalidTimeZoneException e = await Assert.ThrowsAsync<InvalidTimeZoneException>(() => Hostile.Within(loop, ring, "the throwing loop"));
            Assert.Equal("user code " + i, e.Message);

            Task synchronous = ring.RunOnRingAsync(() => throw new InvalidTimeZoneException("before any await"));
            await Assert.ThrowsAsync<InvalidTimeZoneException>(() => Hostile.Within(synchronous, ring, "the loop that throws at once"));
        }

        await Hostile.Run(ring, mode, async () =>
        {
            pipe.Put(5);
            var buffer = new byte[1];
            Assert.Equal(1, await ring.ReadAsync(pipe.Read, buffer));
            Assert.Equal(5, buffer[0]);
            await ring.NopAsync();
        });

        Assert.Equal(0, ring.InFlightCount);
    }
}
