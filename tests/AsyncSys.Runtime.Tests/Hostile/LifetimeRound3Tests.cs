using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// Lifetimes end at odd moments: a ring nobody disposes that becomes garbage with operations in flight (the docs say
/// nothing of a finalizer, so the least a user may expect is that its operations still end and nothing crashes);
/// Dispose called from inside a continuation, a cancel hook and a token callback (docs/cancellation.md: Dispose never
/// throws, cancels everything, waits for each operation's own completion); a CancellationTokenSource disposed while its
/// token is registered with operations; tokens cancelled from inside another operation's continuation; one token shared
/// by thousands of operations, cancelled at once.
/// </summary>
public sealed class LifetimeRound3Tests
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Task<int> Read, WeakReference Ring) StartOnAForgottenRing(IoBackend backend, DeliveryMode mode, int fd, byte[] buffer)
    {
        IoRing ring = Hostile.Create(backend, mode);
        return (ring.ReadAsync(fd, buffer).AsTask(), new WeakReference(ring));
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_ring_that_becomes_garbage_with_a_read_in_flight_still_completes_it_and_nothing_crashes(IoBackend backend, DeliveryMode mode)
    {
        using var pipe = new RawPipe();
        var buffer = new byte[4];
        (Task<int> read, WeakReference ring) = StartOnAForgottenRing(backend, mode, pipe.Read, buffer);
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        pipe.Put(1, 2, 3);
        if (await Task.WhenAny(read, Task.Delay(Hostile.Bound)) != read)
        {
            Assert.Fail($"the read on a forgotten ring never ended (ring collected: {!ring.IsAlive})");
        }

        // Its bytes, or (had a finalizer disposed the ring) ObjectDisposedException and the bytes still in the pipe.
        try
        {
            Assert.Equal(3, await read);
            Assert.Equal(new byte[] { 1, 2, 3 }, buffer.AsSpan(0, 3).ToArray());
        }
        catch (ObjectDisposedException)
        {
            Assert.Equal(3, pipe.Pending);
        }

        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        (ring.Target as IoRing)?.Dispose();
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Dispose_called_inside_a_continuation_ends_every_other_operation_and_returns(IoBackend backend, DeliveryMode mode)
    {
        IoRing ring = Hostile.Create(backend, mode);
        var ledger = new Ledger();
        var pipes = Enumerable.Range(0, 8).Select(_ => new RawPipe()).ToArray();
        using var trigger = new RawPipe();
        bool disposeReturned = false;
        await Hostile.Run(ring, mode, async () =>
        {
            var others = pipes.Select(p => ledger.Track(() => ring.ReadAsync(p.Read, new byte[1]), "other read")).ToArray();
            var first = ledger.Track(async () =>
            {
                int n = await ring.ReadAsync(trigger.Read, new byte[1]);
                ring.Dispose(); // in the continuation: the ring thread itself in Inline and RingContext on io_uring
                disposeReturned = true;
                return n;
            }, "the read whose continuation disposes");
            await Hostile.UntilPending(ring, 9);
            trigger.Put(1);
            Assert.Equal((Ending.Result, 1), ((await Hostile.Within(first, ring, "the disposing continuation")).Ending, (await first).Value));
            var endings = await Hostile.Within(Task.WhenAll(others), ring, "the other reads after Dispose");
            Assert.All(endings, e => Assert.Equal(Ending.Disposed, e.Ending));
        });

        Assert.True(disposeReturned);
        ledger.AssertEachEndedOnce();
        Assert.All(pipes, p => Assert.Equal(0, p.Pending));
        Assert.Empty(ring.Abandoned);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await ring.NopAsync());
        foreach (RawPipe pipe in pipes)
        {
            pipe.Dispose();
        }
    }

    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task DisposeAsync_awaited_inside_RunOnRingAsync_ends_and_the_loop_completes(IoBackend backend)
    {
        IoRing ring = Hostile.Create(backend, DeliveryMode.RingContext);
        using var pipe = new RawPipe();
        var ledger = new Ledger();
        Task loop = ring.RunOnRingAsync(async () =>
        {
            var waiting = ledger.Track(() => ring.ReadAsync(pipe.Read, new byte[1]), "read");
            await ring.NopAsync();
            await ring.DisposeAsync();
            Assert.Equal(Ending.Disposed, (await waiting).Ending);
        });
        if (await Task.WhenAny(loop, Task.Delay(Hostile.Bound)) != loop)
        {
            Assert.Fail($"a loop that awaits DisposeAsync on its own ring never ended; {Hostile.Describe(ring)}");
        }

        await loop;
        ledger.AssertEachEndedOnce();
        Assert.Empty(ring.Abandoned);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Dispose_called_from_a_cancel_hook_ends_the_call_and_everything_else_without_abandoning(IoBackend backend, DeliveryMode mode)
    {
        IoRing ring = Hostile.Create(backend, mode);
        using var stuck = new RawPipe();
        using var other = new RawPipe();
        var ledger = new Ledger();
        int hooks = 0;
        await Hostile.Run(ring, mode, async () =>
        {
            using var cts = new CancellationTokenSource();
            var waiting = ledger.Track(() => ring.ReadAsync(other.Read, new byte[1]), "other read");
            var call = ledger.Track(() => new ValueTask<int>(Task.Run(async () => (int)(await ring.RunBlockingAsync(stuck.Read, static (ref int fd) => ReadOne(fd), info =>
            {
                Interlocked.Increment(ref hooks);
                info.InterruptWorker();
                ring.Dispose();
            }, cts.Token)).Value)), "blocking call whose hook disposes");
            await Hostile.Until(() => ring.GetInFlightOperations().Count(o => o.State is InFlightState.OnWorker or InFlightState.OnRing) >= 2, "both in flight");
            await Task.Run(cts.Cancel);
            var endings = await Hostile.Within(Task.WhenAll(call, waiting), ring, "the call whose hook disposed the ring, and the other read");
            Assert.Contains(endings[0].Ending, new[] { Ending.Cancelled, Ending.Disposed });
            Assert.Equal(Ending.Disposed, endings[1].Ending);
        });

        Assert.True(Volatile.Read(ref hooks) >= 1);
        ledger.AssertEachEndedOnce();
        Assert.Empty(ring.Abandoned);
        Assert.Equal(0, other.Pending + stuck.Pending);
    }

    /// <summary>The negative of the test above: Dispose made outside a hook still waits for the hooked call to end.</summary>
    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    [InlineData(IoBackend.Workers)]
    public async Task Dispose_made_outside_a_cancel_hook_returns_only_after_the_hooked_call_ended(IoBackend backend)
    {
        IoRing ring = Hostile.Create(backend, DeliveryMode.Pool);
        using var stuck = new RawPipe();
        Task<BlockingResult<int>> call = Task.Run(async () => await ring.RunBlockingAsync(stuck.Read, static (ref int fd) => ReadOne(fd), static info => info.InterruptWorker()));
        await Hostile.Until(() => ring.GetInFlightOperations().Any(o => o.State == InFlightState.OnWorker), "the call runs");
        await Hostile.Within(Task.Run(ring.Dispose), ring, "Dispose");

        // Drained when it returns (the awaiter's own continuation may still be on its way: it runs asynchronously).
        Assert.Equal(0, ring.InFlightCount);
        await Assert.ThrowsAnyAsync<Exception>(() => call);
        Assert.Empty(ring.Abandoned);
    }

    private static unsafe long ReadOne(int fd)
    {
        byte b;
        return Sys.read(fd, &b, 1);
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task Dispose_called_from_a_token_callback_of_the_token_its_operations_carry_ends_each_once(IoBackend backend, DeliveryMode mode)
    {
        IoRing ring = Hostile.Create(backend, mode);
        var pipes = Enumerable.Range(0, 16).Select(_ => new RawPipe()).ToArray();
        var ledger = new Ledger();
        await Hostile.Run(ring, mode, async () =>
        {
            using var cts = new CancellationTokenSource();
            var reads = pipes.Take(8).Select(p => ledger.Track(() => ring.ReadAsync(p.Read, new byte[1], cts.Token), "read with the token")).ToList();
            cts.Token.Register(() => ring.Dispose());
            reads.AddRange(pipes.Skip(8).Select(p => ledger.Track(() => ring.ReadAsync(p.Read, new byte[1], cts.Token), "read registered after the callback")));
            await Hostile.UntilPending(ring, 16);
            await Task.Run(cts.Cancel);
            var endings = await Hostile.Within(Task.WhenAll(reads), ring, "reads after the callback disposed the ring");
            Assert.All(endings, e => Assert.Contains(e.Ending, new[] { Ending.Cancelled, Ending.Disposed }));
        });

        ledger.AssertEachEndedOnce();
        Assert.Empty(ring.Abandoned);
        Assert.All(pipes, p => Assert.Equal(0, p.Pending));
        foreach (RawPipe pipe in pipes)
        {
            pipe.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_token_source_disposed_while_its_token_is_registered_leaves_the_operations_working(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        var pipes = Enumerable.Range(0, 8).Select(_ => new RawPipe()).ToArray();
        var ledger = new Ledger();
        await Hostile.Run(ring, mode, async () =>
        {
            var cts = new CancellationTokenSource();
            var buffers = pipes.Select(_ => new byte[1]).ToArray();
            var reads = Enumerable.Range(0, 8).Select(i => ledger.Track(() => ring.ReadAsync(pipes[i].Read, buffers[i], cts.Token), "read")).ToArray();
            await Hostile.UntilPending(ring, 8);
            cts.Dispose();

            // Half end with their bytes, half by CancelAll (the ring's own cancel, not the disposed token's).
            for (int i = 0; i < 4; i++)
            {
                pipes[i].Put((byte)(i + 1));
            }

            var firstHalf = await Hostile.Within(Task.WhenAll(reads.Take(4)), ring, "reads whose token source was disposed");
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal((Ending.Result, 1, (byte)(i + 1)), (firstHalf[i].Ending, firstHalf[i].Value, buffers[i][0]));
            }

            ring.CancelAll();
            var secondHalf = await Hostile.Within(Task.WhenAll(reads.Skip(4)), ring, "reads cancelled by CancelAll");
            Assert.All(secondHalf, e => Assert.Equal(Ending.Cancelled, e.Ending));

            // The ring goes on, with a fresh token.
            using var fresh = new CancellationTokenSource();
            pipes[4].Put(9);
            Assert.Equal(1, await ring.ReadAsync(pipes[4].Read, new byte[1], fresh.Token));
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
        foreach (RawPipe pipe in pipes)
        {
            pipe.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task A_token_cancelled_inside_another_operations_continuation_cancels_its_operations_without_taking_bytes(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        var pipes = Enumerable.Range(0, 12).Select(_ => new RawPipe()).ToArray();
        using var trigger = new RawPipe();
        var ledger = new Ledger();
        await Hostile.Run(ring, mode, async () =>
        {
            for (int round = 0; round < Hostile.Rounds(5, 50); round++)
            {
                using var cts = new CancellationTokenSource();
                var victims = pipes.Select(p => ledger.Track(() => ring.ReadAsync(p.Read, new byte[1], cts.Token), "victim")).ToArray();
                var canceller = ledger.Track(async () =>
                {
                    int n = await ring.ReadAsync(trigger.Read, new byte[1]);
                    cts.Cancel(); // on the ring thread in Inline and (io_uring) RingContext
                    return n;
                }, "canceller");
                await Hostile.UntilPending(ring, pipes.Length + 1);
                trigger.Put(1);
                Assert.Equal(Ending.Result, (await Hostile.Within(canceller, ring, "the cancelling continuation")).Ending);
                var endings = await Hostile.Within(Task.WhenAll(victims), ring, "the victims");
                Assert.All(endings, e => Assert.Equal(Ending.Cancelled, e.Ending));
            }
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
        foreach (RawPipe pipe in pipes)
        {
            pipe.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(DeliveryModes.Matrix), MemberType = typeof(DeliveryModes))]
    public async Task One_token_shared_by_thousands_of_operations_cancelled_at_once_ends_each_once_and_takes_no_byte(IoBackend backend, DeliveryMode mode)
    {
        const int Operations = 3000;
        using IoRing ring = Hostile.Create(backend, mode, capacity: 1024);
        var pipes = Enumerable.Range(0, 32).Select(_ => new RawPipe()).ToArray();
        var ledger = new Ledger();
        await Hostile.Run(ring, mode, async () =>
        {
            using var cts = new CancellationTokenSource();
            var ops = new Task<(Ending Ending, int Value, Exception? Error)>[Operations];
            for (int i = 0; i < Operations; i++)
            {
                int k = i;
                ops[i] = k % 3 == 0
                    ? ledger.Track(() => ring.DelayAsync(TimeSpan.FromHours(1), cts.Token), "delay")
                    : ledger.Track(() => ring.ReadAsync(pipes[k % pipes.Length].Read, new byte[1], cts.Token), "read");
            }

            await Hostile.Until(() => ring.InFlightCount >= 1024, "the table is full");
            await Task.Run(cts.Cancel);
            var endings = await Hostile.Within(Task.WhenAll(ops), ring, "3000 operations sharing one cancelled token");
            Assert.All(endings, e => Assert.Equal(Ending.Cancelled, e.Ending));
        });

        ledger.AssertEachEndedOnce();
        Assert.Equal(0, ring.InFlightCount);
        foreach (RawPipe pipe in pipes)
        {
            pipe.Put(1);
            Assert.Equal(1, pipe.Pending);
            pipe.Dispose();
        }
    }
}
