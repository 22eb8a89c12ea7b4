using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// The generated XxxAsync variants of <see cref="HostileLibc"/>'s wrappers, as a user calls them: cancelled while they
/// wait, failing with the kernel's errno (thrown, or returned as -errno), each ending exactly once.
/// </summary>
public sealed class GeneratedVariantRound2Tests
{
    private const int EWOULDBLOCK = 11;

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_generated_pipe_read_is_cancelled_without_taking_a_byte_and_fails_with_the_kernels_errno(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var pipe = new RawPipe();
        var ledger = new Ledger();
        await Hostile.Run(ring, mode, async () =>
        {
            pipe.Put(1, 2, 3);
            var buffer = new byte[8];
            Assert.Equal(3, await HostileLibc.ReadAsync(ring, pipe.Read, buffer));
            Assert.Equal(new byte[] { 1, 2, 3 }, buffer.AsSpan(0, 3).ToArray());

            using var cts = new CancellationTokenSource();
            var waiting = ledger.Track(async () => (int)await HostileLibc.ReadAsync(ring, pipe.Read, new byte[8], cts.Token), "generated read");
            await Hostile.UntilPending(ring);
            cts.Cancel();
            Assert.Equal(Ending.Cancelled, (await Hostile.Within(waiting, ring, "the cancelled generated read")).Ending);
            pipe.Put(4);
            Assert.Equal(1, pipe.Pending);

            var byCancelAll = ledger.Track(async () => (int)await HostileLibc.ReadAsync(ring, pipe.Read, new byte[0]), "empty generated read");
            Assert.Equal((Ending.Result, 0), ((await byCancelAll).Ending, (await byCancelAll).Value));
            Assert.Equal("read", (await DeliveryModes.Fails<ErrnoException>(async () => await HostileLibc.ReadAsync(ring, BadDescriptorTests.ClosedNumber(), new byte[8]))).Describe(Errno.EBADF));
            Assert.Equal("read", (await DeliveryModes.Fails<ErrnoException>(async () => await HostileLibc.ReadAsync(ring, pipe.Write, new byte[8]))).Describe(Errno.EBADF));
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_generated_flock_waiting_on_a_held_lock_is_cancelled_without_taking_it_and_its_errors_are_the_kernels(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var file = new TempFile(16);
        // Plain open(2): a handle .NET opens holds a shared flock (its FileShare emulation), and the holder's
        // exclusive flock below waited for those forever (the round-2 hang with nothing in flight).
        using SafeFileHandle holder = Sys.OpenWithoutLock(file.Path);
        using SafeFileHandle waiter = Sys.OpenWithoutLock(file.Path);
        using SafeFileHandle probe = Sys.OpenWithoutLock(file.Path);
        int held = (int)holder.DangerousGetHandle(), fd = (int)waiter.DangerousGetHandle(), other = (int)probe.DangerousGetHandle();
        var ledger = new Ledger();
        await Hostile.Run(ring, mode, async () =>
        {
            Assert.Equal(0, Sys.flock(held, Sys.LOCK_EX));
            Assert.Equal(-EWOULDBLOCK, await HostileLibc.TryLockAsync(ring, fd, Sys.LOCK_EX | Sys.LOCK_NB));
            Assert.Equal("flock", (await DeliveryModes.Fails<ErrnoException>(async () => await HostileLibc.FlockAsync(ring, fd, Sys.LOCK_EX | Sys.LOCK_NB))).Describe(EWOULDBLOCK));

            for (int round = 0; round < Hostile.Rounds(3, 30); round++)
            {
                using var cts = new CancellationTokenSource();
                var waiting = ledger.Track(() => HostileLibc.FlockAsync(ring, fd, Sys.LOCK_EX, cts.Token), "generated flock");
                await Hostile.Until(() => ring.GetInFlightOperations().Any(o => o.Operation == RingOp.None), "the flock is listed");
                if (round % 2 == 0)
                {
                    cts.Cancel();
                }
                else
                {
                    ring.CancelAll();
                }

                Assert.Equal(Ending.Cancelled, (await Hostile.Within(waiting, ring, "the cancelled flock")).Ending);
            }

            // The cancelled waits took nothing: once the holder lets go, a third descriptor gets the lock at once.
            Assert.Equal(0, Sys.flock(held, Sys.LOCK_UN));
            Assert.Equal(0, Sys.flock(other, Sys.LOCK_EX | Sys.LOCK_NB));
            Assert.Equal(0, Sys.flock(other, Sys.LOCK_UN));
            Assert.Equal(0, await HostileLibc.FlockAsync(ring, fd, Sys.LOCK_EX));
            Assert.Equal(-EWOULDBLOCK, await HostileLibc.TryLockAsync(ring, other, Sys.LOCK_SH | Sys.LOCK_NB));
            Assert.Equal(-Errno.EBADF, await HostileLibc.TryLockAsync(ring, BadDescriptorTests.ClosedNumber(), Sys.LOCK_SH));
            Assert.Equal(-Errno.EINVAL, await HostileLibc.TryLockAsync(ring, fd, 0));

            // Through IoRing.Shared, as the variant without a ring argument runs.
            Assert.Equal(0, await HostileLibc.FlockAsync(fd, Sys.LOCK_UN));
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Generated_fsync_gives_the_kernels_errno_thrown_or_as_a_negative_number(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var file = new TempFile(4096);
        using SafeFileHandle handle = file.Open();
        using var pipe = new RawPipe();
        int fd = (int)handle.DangerousGetHandle();
        await Hostile.Run(ring, mode, async () =>
        {
            Assert.Equal(0, await HostileLibc.FsyncAsync(ring, fd));
            Assert.Equal(0, await HostileLibc.FsyncRawAsync(ring, fd));
            Assert.Equal("fsync", (await DeliveryModes.Fails<ErrnoException>(async () => await HostileLibc.FsyncAsync(ring, pipe.Write))).Describe(Errno.EINVAL));
            Assert.Equal(-Errno.EINVAL, await HostileLibc.FsyncRawAsync(ring, pipe.Write));
            Assert.Equal("fsync", (await DeliveryModes.Fails<ErrnoException>(async () => await HostileLibc.FsyncAsync(ring, BadDescriptorTests.ClosedNumber()))).Describe(Errno.EBADF));
            Assert.Equal(-Errno.EBADF, await HostileLibc.FsyncRawAsync(ring, BadDescriptorTests.ClosedNumber()));

            // Cancelled before the call: nothing runs, the await throws (also in the -errno form).
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            await DeliveryModes.Fails<OperationCanceledException>(async () => await HostileLibc.FsyncRawAsync(ring, fd, cts.Token));
            await DeliveryModes.Fails<OperationCanceledException>(async () => await HostileLibc.FsyncAsync(ring, fd, cts.Token));
        });

        Assert.Equal(0, ring.InFlightCount);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_generated_variant_of_an_EINTR_retrying_body_is_cancelled_and_ends_exactly_once(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        var pipes = Enumerable.Range(0, 8).Select(_ => new RawPipe()).ToArray();
        var ledger = new Ledger();
        try
        {
            await Hostile.Run(ring, mode, async () =>
            {
                pipes[0].Put(1, 2);
                var buffer = new byte[4];
                Assert.Equal(2, await HostileLibc.ReadRetryingAsync(ring, pipes[0].Read, buffer));
                Assert.Equal(Errno.EBADF, (await DeliveryModes.Fails<ErrnoException>(async () => await HostileLibc.ReadRetryingAsync(ring, BadDescriptorTests.ClosedNumber(), buffer))).Errno);

                // Seven waiting calls: some cancelled by their tokens, some by CancelAll, the rest fed.
                var tokens = Enumerable.Range(0, pipes.Length).Select(_ => new CancellationTokenSource()).ToArray();
                var calls = Enumerable.Range(1, pipes.Length - 1).Select(i => ledger.Track(async () => (int)await HostileLibc.ReadRetryingAsync(ring, pipes[i].Read, new byte[4], tokens[i].Token), $"retrying read {i}")).ToArray();
                await Hostile.Until(() => ring.GetInFlightOperations().Count(o => o.Operation == RingOp.None) == pipes.Length - 1, "the retrying reads are listed");
                tokens[1].Cancel();
                tokens[2].Cancel();
                pipes[3].Put(3);
                pipes[4].Put(4);
                Assert.Equal((Ending.Result, 1), ((await Hostile.Within(calls[2], ring, "a fed call")).Ending, (await calls[2]).Value));
                ring.CancelAll();
                for (int i = 1; i < pipes.Length; i++)
                {
                    (Ending ending, int value, Exception? error) = await Hostile.Within(calls[i - 1], ring, $"retrying read {i}");
                    bool fed = i is 3 or 4;
                    Assert.True(fed ? ending == Ending.Result && value == 1 : ending == Ending.Cancelled, $"retrying read {i} ended {ending} {value}: {error}");
                }

                foreach (var t in tokens)
                {
                    t.Dispose();
                }
            });

            // None of the cancelled calls took a byte written afterwards.
            for (int i = 1; i < pipes.Length; i++)
            {
                pipes[i].Put(9);
                Assert.Equal(1, pipes[i].Pending);
            }
        }
        finally
        {
            foreach (RawPipe p in pipes)
            {
                p.Dispose();
            }
        }

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
    }
}
